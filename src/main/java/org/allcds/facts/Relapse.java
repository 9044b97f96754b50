package org.allcds.facts;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

/**
 * Input I10: the latest relapse, the one classified. {@code number} is 1 for a first relapse; {@code afterHsct}
 * is true when an allogeneic HSCT (I12) precedes it. {@code site} is null when the record does not give it;
 * {@code siteFrom} names the results besides the site component it was read from (the relapse's marrow blasts, a CNS3
 * of its work-up), which explain the relapse on a card. {@code possibleSites}: the sites the relapse may have, in
 * the enum's order: the site, or without one those the record allows (R-REL-01: its marrow count, a final CNS3 or
 * testicular involvement of its work-up; {@code siteFrom} then names the results that ruled sites out).
 * {@code numberExact} is false when {@code number} is only the fewest relapses the records can be (records days apart
 * may be one relapse or two): a later relapse either way, whose number a card says as "or later".
 */
public record Relapse(LocalDate date, RelapseSite site, int number, boolean afterHsct, String reference,
                      List<RelapseSiteResult> siteFrom, List<RelapseSite> possibleSites, boolean numberExact)
        implements ClinicalInput, Explained {
    public Relapse {
        siteFrom = List.copyOf(siteFrom);
        possibleSites = List.copyOf(EnumSet.copyOf(site != null ? List.of(site) : possibleSites));
    }
    public Relapse(LocalDate date, RelapseSite site, int number, boolean afterHsct, String reference,
                   List<RelapseSiteResult> siteFrom, List<RelapseSite> possibleSites) {
        this(date, site, number, afterHsct, reference, siteFrom, possibleSites, true);
    }
    public Relapse(LocalDate date, RelapseSite site, int number, boolean afterHsct, String reference,
                   List<RelapseSiteResult> siteFrom) {
        this(date, site, number, afterHsct, reference, siteFrom, List.of(RelapseSite.values()));
    }
    public Relapse(LocalDate date, RelapseSite site, int number, boolean afterHsct, String reference) {
        this(date, site, number, afterHsct, reference, List.of());
    }
    /** A site not known: it may have been sent, in a code not read or in records that conflict, or not at all. */
    private static final String SITE_UNKNOWN = "site unknown";

    public String inputName() { return "relapseDate"; }
    /**
     * The site's code; without a site, "site unknown" (the missing-data and data-quality findings say why), with the
     * codes of the sites the record allows when it rules some out.
     */
    public String displayValue() {
        return text(site != null ? site.code() : possibleSitesWords() == null ? SITE_UNKNOWN
                : SITE_UNKNOWN + ", possible " + String.join(" ", possibleSites.stream().map(RelapseSite::code).toList()));
    }
    /**
     * The site in words; without one, the sites the record allows, or "site unknown" when it allows every one. A number
     * that is only the fewest is said so ("relapse 2 or later"); the extension keeps it as the records give it.
     */
    public String cardValue() {
        String narrowed = narrowedSite();
        return cardText(site != null ? site.words() : narrowed != null ? narrowed : SITE_UNKNOWN);
    }
    /**
     * As {@link #cardValue()}, without a site not known at all: for a card whose "Missing" line asks for it already. The
     * sites the record still allows stay: they are what the record says.
     */
    public String cardValueWithoutUnknownSite() {
        return site == null ? cardText(narrowedSite()) : cardValue();
    }
    private static final List<String> ORDINALS = List.of("First", "Second", "Third", "Fourth", "Fifth");
    /**
     * Which relapse this is, to begin a sentence: "Second relapse", "Relapse 6"; "Second or later relapse" where
     * {@code number} is only the fewest relapses the records can be.
     */
    public String numberWords() {
        String orLater = numberExact ? "" : " or later";
        return number >= 1 && number <= ORDINALS.size() ? ORDINALS.get(number - 1) + orLater + " relapse"
                : "Relapse " + numberText();
    }
    /** "site isolated marrow or combined": one of these, as the record allows; null when it allows every site. */
    private String narrowedSite() {
        String possible = possibleSitesWords();
        return possible == null ? null : "site " + possible;
    }
    public List<RelapseSiteResult> explainedBy() { return siteFrom; }
    /** True when a possible site involves the marrow (isolated marrow or combined). */
    public boolean mayBeInTheMarrow() {
        return possibleSites.stream().anyMatch(RelapseSite::isMarrowInvolved);
    }
    /** True when a possible site is isolated extramedullary. */
    public boolean mayBeIsolatedExtramedullary() {
        return possibleSites.stream().anyMatch(RelapseSite::isIsolatedExtramedullary);
    }
    /** True when the possible sites leave open whether the marrow is involved: COG timing may depend on it. */
    public boolean marrowOpen() {
        return mayBeInTheMarrow() && mayBeIsolatedExtramedullary();
    }
    /**
     * True when the possible sites differ in what the strata read: isolated marrow, combined, or isolated
     * extramedullary (every relapse stratum reads the extramedullary sites alike).
     */
    public boolean siteDecidesStrata() {
        return RelapseSite.strataClasses(possibleSites).size() > 1;
    }
    /**
     * The possible sites in a few words ("isolated marrow or combined", "isolated extramedullary"), for a relapse whose
     * site is not recorded but which the record narrows; null when the record gives the site or leaves every one open.
     */
    public String possibleSitesWords() {
        List<String> classes = RelapseSite.strataClasses(possibleSites);
        return site != null || classes.size() == RelapseSite.STRATA_CLASSES ? null : String.join(" or ", classes);
    }
    private String text(String siteText) {
        return text(siteText, "relapse " + number);
    }
    private String cardText(String siteText) {
        return text(siteText, "relapse " + numberText());
    }
    /** The number as a card says it: "2", or "2 or later" where it is only the fewest relapses the records can be. */
    public String numberText() {
        return number + (numberExact ? "" : " or later");
    }
    private String text(String siteText, String numberText) {
        return date + (siteText == null ? "" : ", " + siteText) + ", " + numberText + (afterHsct ? ", after HSCT" : "");
    }
}
