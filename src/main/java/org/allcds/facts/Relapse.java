package org.allcds.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * Input I10: the latest relapse, the one classified. {@code number} is 1 for a first relapse; {@code afterHsct}
 * is true when an allogeneic HSCT (I12) precedes it. {@code site} is null when the record does not give it;
 * {@code siteFrom} names the results besides the site component it was read from (the relapse's marrow blasts, a CNS3
 * of its work-up), which explain the relapse on a card.
 */
public record Relapse(LocalDate date, RelapseSite site, int number, boolean afterHsct, String reference,
                      List<RelapseSiteResult> siteFrom) implements ClinicalInput, Explained {
    public Relapse {
        siteFrom = List.copyOf(siteFrom);
    }
    public Relapse(LocalDate date, RelapseSite site, int number, boolean afterHsct, String reference) {
        this(date, site, number, afterHsct, reference, List.of());
    }
    public String inputName() { return "relapseDate"; }
    public String displayValue() {
        return text(site == null ? "site not recorded" : site.code());
    }
    /** "site unknown" when null: the site may have been sent, in a code not read or in records that conflict. */
    public String cardValue() {
        return text(site == null ? "site unknown" : site.words());
    }
    /** As {@link #cardValue()}, without a site not known: for a card whose "Missing" line asks for it already. */
    public String cardValueWithoutUnknownSite() {
        return site == null ? text(null) : cardValue();
    }
    public List<RelapseSiteResult> explainedBy() { return siteFrom; }
    /** True unless the site is recorded and spares the marrow (an isolated extramedullary relapse). */
    public boolean mayBeInTheMarrow() {
        return site == null || site.isMarrowInvolved();
    }
    private String text(String siteText) {
        return date + (siteText == null ? "" : ", " + siteText) + ", relapse " + number
                + (afterHsct ? ", after HSCT" : "");
    }
}
