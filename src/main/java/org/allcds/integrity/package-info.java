/**
 * Whose data, which copy, which time (data contract §2a): the one step between prefetch resolution and mapping that
 * turns what arrived into this patient's record as known at the evaluation time, and says what it left out.
 */
package org.allcds.integrity;
