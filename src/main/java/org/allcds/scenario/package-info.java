/**
 * Author scenarios: YAML files under {@code rules/tests/} that a rule author writes without Java (input data,
 * evaluation time, service, expected findings). Run by the JUnit suite, the {@code test} command and the reload gate.
 */
package org.allcds.scenario;
