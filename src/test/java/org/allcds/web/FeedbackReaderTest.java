package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A feedback entry's outcomeTimestamp is an RFC 3339 §5.6 date-time (CDS Hooks 2.0 feedback), no more, no less. */
class FeedbackReaderTest {

    @ParameterizedTest
    @CsvSource({
        "2026-12-04T10:05:31Z, 2026-12-04T10:05:31Z",
        "2026-12-04t10:05:31z, 2026-12-04T10:05:31Z",
        "2026-12-04T11:05:31+01:00, 2026-12-04T10:05:31Z",
        "2026-12-04T10:05:31.123456789123Z, 2026-12-04T10:05:31.123456789Z",
        "2016-12-31T23:59:60Z, 2016-12-31T23:59:59.999999999Z"})
    void rfc3339DateTimes_areRead(String text, String instant) {
        assertThat(FeedbackReader.rfc3339(text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T10:05Z", "+99999-12-04T10:05:31Z", "-999999999-01-01T00:00:00Z",
            "2026-12-04T10:05:31", "2026-12-04 10:05:31Z", "2026-12-04T25:05:31Z", "2026-02-30T10:05:31Z",
            "2026-12-04T10:05:31.Z", "2026-12-04T10:05:31+0100"})
    void otherTexts_areNot(String text) {
        assertThat(FeedbackReader.rfc3339(text)).isNull();
    }
}
