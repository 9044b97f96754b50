package org.allcds.facts;

/** Front-line therapy at the time of relapse (C-04, E7). */
public enum TherapyState { ON_THERAPY, OFF_THERAPY, UNKNOWN }
