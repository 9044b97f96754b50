package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.allcds.hooks.Coding;
import org.junit.jupiter.api.Test;

/** The id a list of override reasons is stored under: its content, so every replica and restart derives the same. */
class OfferedReasonsTest {

    static final Coding A = new Coding("https://all-cds.org/reasons", "a", "Reason A");
    static final Coding B = new Coding("https://all-cds.org/reasons", "b", "Reason B");

    @Test
    void equalLists_haveOneId_andAnyDifference_anotherOne() {
        String id = OfferedReasons.idOf(List.of(A, B));

        assertThat(OfferedReasons.idOf(List.of(new Coding(A.system(), A.code(), A.display()), B))).isEqualTo(id);
        assertThat(id).startsWith(OfferedReasons.ID_PREFIX).hasSize(OfferedReasons.ID_PREFIX.length() + 64);
        assertThat(OfferedReasons.idOf(List.of(B, A))).as("order").isNotEqualTo(id);
        assertThat(OfferedReasons.idOf(List.of(A))).isNotEqualTo(id);
        assertThat(OfferedReasons.idOf(List.of(new Coding(A.system(), A.code(), "Reason A, reworded"), B)))
                .as("display").isNotEqualTo(id);
        assertThat(OfferedReasons.idOf(List.of(new Coding("s", "ab", "d")))).as("fields do not run together")
                .isNotEqualTo(OfferedReasons.idOf(List.of(new Coding("sa", "b", "d"))));
    }

    @Test
    void noReasons_referToNoList() {
        assertThat(OfferedReasons.of(List.of())).isSameAs(OfferedReasons.NONE);
        assertThat(OfferedReasons.of(null).id()).isNull();
    }

    @Test
    void theRegistry_givesOneValuePerDistinctList() {
        OfferedReasons.Registry registry = new OfferedReasons.Registry();

        OfferedReasons first = registry.of(List.of(A, B));

        assertThat(registry.of(List.of(new Coding(A.system(), A.code(), A.display()), B))).isSameAs(first);
        assertThat(registry.of(List.of(B, A))).isNotSameAs(first).isNotEqualTo(first);
    }
}
