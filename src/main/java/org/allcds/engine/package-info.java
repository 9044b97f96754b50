/**
 * The rule engine: loads a rule set (DRL, services.yaml, config.yaml) from a folder, compiles it into a Drools KieBase
 * with a unique ReleaseId, reports author-facing problems as file:line:column, and evaluates facts per request in a
 * session from the rule set's pool that records which rule produced what from which inputs.
 */
package org.allcds.engine;
