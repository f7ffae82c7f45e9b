package io.github.springmailgun.autoconfigure.inbound;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code mailgun.inbound.path} has text. An empty value is off, unlike
 * {@code @ConditionalOnProperty}, so that {@code ${MAILGUN_INBOUND_PATH:}} leaves the endpoint off where the
 * variable is unset instead of failing start-up for a missing key.
 */
final class OnInboundPathCondition extends SpringBootCondition {

	private static final String PROPERTY = "mailgun.inbound.path";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String path = context.getEnvironment().getProperty(PROPERTY);
		return StringUtils.hasText(path) ? ConditionOutcome.match(PROPERTY + " is set")
				: ConditionOutcome.noMatch(PROPERTY + " is not set or empty");
	}

}
