/**
 * The rule vocabulary: plain clinical facts the DRL rules match on, and the findings they produce.
 * Only java.* here: rules never see FHIR, and all date and unit arithmetic is done before a fact is built.
 */
package org.allcds.facts;
