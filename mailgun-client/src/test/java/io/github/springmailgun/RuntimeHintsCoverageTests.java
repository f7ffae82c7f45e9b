package io.github.springmailgun;

import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.springmailgun.analytics.AnalyticsFilter;
import io.github.springmailgun.analytics.EventsQuery;
import io.github.springmailgun.analytics.FilterPredicate;
import io.github.springmailgun.analytics.LabeledValue;
import io.github.springmailgun.analytics.LogsQuery;
import io.github.springmailgun.analytics.MetricsQuery;
import io.github.springmailgun.analytics.StatsQuery;
import io.github.springmailgun.internal.MailgunDates;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type the client binds with Jackson has reflection hints, so a native image can read Mailgun's
 * responses. New response records are caught here if they are not registered.
 */
class RuntimeHintsCoverageTests {

	@Test
	void everyJacksonBoundTypeIsRegistered() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new MailgunRuntimeHints().registerHints(hints, getClass().getClassLoader());

		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return true;
			}
		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(JsonIgnoreProperties.class));
		Set<String> bound = scanner.findCandidateComponents("io.github.springmailgun")
			.stream()
			.map(BeanDefinition::getBeanClassName)
			.filter(name -> !name.contains("Test"))
			.collect(Collectors.toSet());
		assertThat(bound).contains("io.github.springmailgun.message.SendResponse",
				"io.github.springmailgun.domain.DnsRecord");
		for (String name : bound) {
			Class<?> type = ClassUtils.forName(name, getClass().getClassLoader());
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(name).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(MailgunDates.InstantDeserializer.class)).accepts(hints);
	}

	@Test
	@SuppressWarnings("deprecation")
	void everyQueryJacksonWritesIsRegisteredWithItsSerializers() {
		RuntimeHints hints = new RuntimeHints();
		new MailgunRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { MetricsQuery.class, LogsQuery.class, StatsQuery.class, EventsQuery.class,
				AnalyticsFilter.class, FilterPredicate.class, LabeledValue.class, MailgunDates.Rfc2822Serializer.class,
				MailgunDates.EpochSecondsSerializer.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		}
	}

}
