package org.allcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomUuidsTest {

    @Test
    void next_isARandomVersion4UuidInCanonicalForm() {
        for (int i = 0; i < 1_000; i++) {
            String text = RandomUuids.next();
            UUID uuid = UUID.fromString(text);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(text).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void next_setsOnlyTheVersionAndVariantBits_theOther122VaryFromIdToId() {
        long msbOr = 0;
        long msbAnd = -1;
        long lsbOr = 0;
        long lsbAnd = -1;
        for (int i = 0; i < 2_000; i++) {
            UUID uuid = RandomUuids.nextUuid();
            msbOr |= uuid.getMostSignificantBits();
            msbAnd &= uuid.getMostSignificantBits();
            lsbOr |= uuid.getLeastSignificantBits();
            lsbAnd &= uuid.getLeastSignificantBits();
        }
        // Every bit but the fixed ones was seen both set and clear: nothing else is constant.
        assertThat(msbOr ^ msbAnd).isEqualTo(~0xF000L);
        assertThat(lsbOr ^ lsbAnd).isEqualTo(~(0xC000_0000_0000_0000L));
        assertThat(msbAnd & 0xF000L).isEqualTo(0x4000L);
        assertThat(lsbOr >>> 62).isEqualTo(2L);
    }

    @Test
    void next_isUniqueAcrossThreads_soNoTwoThreadsShareASeed() throws Exception {
        int threads = 8;
        int each = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> batches = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                batches.add(pool.submit(() -> IntStream.range(0, each).mapToObj(i -> RandomUuids.next()).toList()));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> batch : batches) {
                all.addAll(batch.get());
            }
            assertThat(all).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }
}
