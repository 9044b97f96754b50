package org.allcds.facts;

public enum CnsClass { CNS1, CNS2, CNS3 }
