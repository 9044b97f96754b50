package org.allcds.feedback;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** The admin endpoints (token check on {@code /admin/**}) exist only when {@code allcds.admin.token} is set. */
final class AdminTokenSet implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("allcds.admin.token"));
    }
}
