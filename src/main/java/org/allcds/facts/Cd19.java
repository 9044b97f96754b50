package org.allcds.facts;

public enum Cd19 { POSITIVE, NEGATIVE, UNKNOWN }
