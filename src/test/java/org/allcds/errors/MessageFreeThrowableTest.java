package org.allcds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MessageFreeThrowableTest {

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void theChainKeepsItsClassesAndFrames_butNoMessage() {
        NumberFormatException parse = new NumberFormatException("For input string: \"Jane-Doe-1984\"");
        IllegalStateException original = new IllegalStateException("patient Jane Doe", parse);

        MessageFreeThrowable copy = MessageFreeThrowable.of(original);

        assertThat(copy.originalType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(copy.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(((MessageFreeThrowable) copy.getCause()).originalType()).isEqualTo("java.lang.NumberFormatException");
        assertThat(copy.getCause().getStackTrace()).isEqualTo(parse.getStackTrace());
        assertThat(printed(copy)).contains("java.lang.IllegalStateException", "java.lang.NumberFormatException",
                "theChainKeepsItsClassesAndFrames_butNoMessage").doesNotContain("Jane");
    }

    @Test
    void aLoopingCauseChainIsCut() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b");
        a.initCause(b);
        b.initCause(a);

        Throwable copy = MessageFreeThrowable.of(a);

        int depth = 0;
        for (Throwable t = copy; t != null; t = t.getCause()) {
            depth++;
        }
        assertThat(depth).isEqualTo(MessageFreeThrowable.MAX_DEPTH);
    }
}
