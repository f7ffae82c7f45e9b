package io.github.springmailgun.autoconfigure.actuate;

import io.github.springmailgun.boot.actuate.MailgunSecretsSanitizingFunction;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link MailgunSecretsSanitizingFunction} when Spring Boot's actuator is present.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class MailgunActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MailgunSecretsSanitizingFunction mailgunSecretsSanitizingFunction() {
		return new MailgunSecretsSanitizingFunction();
	}

}
