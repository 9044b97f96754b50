package org.allcds.facts;

public enum LineageType { B, T }
