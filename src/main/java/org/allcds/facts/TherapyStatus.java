package org.allcds.facts;

public enum TherapyStatus { COMPLETED, IN_PROGRESS }
