/** Application wiring: the clock, the rule set at start-up, the pipeline beans, warm-up and profile notices. */
package org.allcds.system;
