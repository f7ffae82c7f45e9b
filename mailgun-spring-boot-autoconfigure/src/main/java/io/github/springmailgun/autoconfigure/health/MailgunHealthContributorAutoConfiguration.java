package io.github.springmailgun.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.autoconfigure.MailgunAutoConfiguration;
import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.boot.health.MailgunHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code mailgun} health contributor: one {@link MailgunHealthIndicator} for the sending
 * domain, or a composite with an entry per domain of {@code mailgun.health.domains}. Switched with
 * {@code management.health.mailgun.enabled}; not part of the readiness group unless added to it.
 */
@AutoConfiguration(after = MailgunAutoConfiguration.class)
@ConditionalOnClass({ ConditionalOnEnabledHealthIndicator.class, ReactiveHealthContributor.class })
@ConditionalOnBean({ MailgunOperations.class, MailgunClientSettings.class })
@ConditionalOnEnabledHealthIndicator("mailgun")
public final class MailgunHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "mailgunHealthIndicator", "mailgunHealthContributor" })
	ReactiveHealthContributor mailgunHealthContributor(MailgunOperations mailgun, MailgunClientSettings settings,
			MailgunProperties properties) {
		MailgunProperties.Health health = properties.health();
		List<String> domains = health.domains().isEmpty() ? List.of(mailgun.domain()) : health.domains();
		if (domains.size() == 1) {
			return indicator(mailgun, settings, health, domains.get(0));
		}
		Map<String, MailgunHealthIndicator> indicators = new LinkedHashMap<>();
		for (String domain : domains) {
			indicators.put(domain, indicator(mailgun, settings, health, domain));
		}
		return CompositeReactiveHealthContributor.fromMap(indicators);
	}

	private static MailgunHealthIndicator indicator(MailgunOperations mailgun, MailgunClientSettings settings,
			MailgunProperties.Health health, String domain) {
		MailgunOperations bound = domain.equals(mailgun.domain()) ? mailgun : mailgun.forDomain(domain);
		return new MailgunHealthIndicator(bound.domains(), settings.region(), health.timeout(), health.cacheTtl());
	}

}
