/** Turns explained findings into CDS Hooks cards: a conclusion for people, and the org.allcds extension for machines. */
package org.allcds.cards;
