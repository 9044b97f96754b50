/**
 * The exceptions that carry an HTTP status and a one-sentence diagnostics, the OperationOutcome body they become, and
 * the message-free copy of an unexpected exception that the log gets.
 */
package org.allcds.errors;
