/** The exceptions that carry an HTTP status and a one-sentence diagnostics, and the OperationOutcome body they become. */
package org.allcds.errors;
