package org.allcds.mapping;

import static org.allcds.mapping.Fhir.coded;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.observation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.allcds.facts.CnsClass;
import org.allcds.facts.CnsStatus;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class CnsMapperTest {

    private static Observation cns(String id, String date, String value) {
        return coded(observation(id, Codes.local("cns-status"), date), Codes.local(value));
    }

    @Test
    void cns3_givesCnsStatus() {
        assertThat(CnsMapper.map(List.of(cns("c", "2020-03-11", "cns3")), ctx()))
                .contains(new CnsStatus(CnsClass.CNS3, LocalDate.parse("2020-03-11"), "Observation/c"));
    }

    @Test
    void severalResults_mostRecentWins() {
        assertThat(CnsMapper.map(List.of(cns("new", "2020-03-12", "cns1"), cns("old", "2020-03-11", "cns2")), ctx()))
                .get().extracting(CnsStatus::value).isEqualTo(CnsClass.CNS1);
    }

    @Test
    void unknownValue_isIgnored() {
        assertThat(CnsMapper.map(List.of(cns("c", "2020-03-11", "tlp-positive")), ctx())).isEmpty();
    }

    @Test
    void noResult_givesNoCnsStatus() {
        assertThat(CnsMapper.map(List.of(), ctx())).isEmpty();
    }
}
