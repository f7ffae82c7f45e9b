package io.github.springmailgun.autoconfigure.metrics;

import io.github.springmailgun.autoconfigure.MailgunAutoConfiguration;
import io.github.springmailgun.boot.metrics.MailgunRecipientsObservationHandler;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link MailgunRecipientsObservationHandler} when the application has a {@link MeterRegistry}.
 * The {@code mailgun.send} timer itself comes from Spring Boot's observation support.
 */
@AutoConfiguration(after = MailgunAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "mailgun.enabled", matchIfMissing = true)
public final class MailgunMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MailgunRecipientsObservationHandler mailgunRecipientsObservationHandler(MeterRegistry meterRegistry) {
		return new MailgunRecipientsObservationHandler(meterRegistry);
	}

}
