package org.allcds.facts;

import java.time.LocalDate;

/**
 * A result the relapse's site was read from besides the site the relapse record gives (R-REL-01): the marrow blasts of
 * the relapse record, or the CNS3 or testicular involvement of the relapse's work-up that makes an isolated extramedullary
 * relapse one at two sites. Not a fact of its own: the {@link Relapse} names it, so that a card resting on the site lists
 * it with the relapse.
 */
public record RelapseSiteResult(String inputName, String displayValue, LocalDate date, String reference)
        implements ClinicalInput {

    public static RelapseSiteResult cns3(LocalDate date, String reference) {
        return new RelapseSiteResult("cnsStatusAtRelapse", CnsClass.CNS3.name(), date, reference);
    }

    public static RelapseSiteResult testicularInvolvement(LocalDate date, String reference) {
        return new RelapseSiteResult("testicularInvolvementAtRelapse", "present", date, reference);
    }

    /** {@code shown}: the count as reported, a bound with its comparator ("&lt; 5"). */
    public static RelapseSiteResult marrowBlasts(String shown, LocalDate date, String reference) {
        return new RelapseSiteResult("marrowBlastsAtRelapse", shown + " %", date, reference);
    }
}
