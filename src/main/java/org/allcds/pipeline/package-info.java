/** One service call, in order: check the call, resolve data, map to facts, evaluate rules, render cards. */
package org.allcds.pipeline;
