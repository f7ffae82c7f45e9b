package io.github.springmailgun;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.springmailgun.analytics.AnalyticsFilter;
import io.github.springmailgun.analytics.AnalyticsOperations;
import io.github.springmailgun.analytics.EventsQuery;
import io.github.springmailgun.analytics.FilterPredicate;
import io.github.springmailgun.analytics.LabeledValue;
import io.github.springmailgun.analytics.LogsAggregates;
import io.github.springmailgun.analytics.LogsPage;
import io.github.springmailgun.analytics.LogsPagination;
import io.github.springmailgun.analytics.LogsQuery;
import io.github.springmailgun.analytics.MetricsQuery;
import io.github.springmailgun.analytics.StatsQuery;
import io.github.springmailgun.domain.DomainOperations;
import io.github.springmailgun.domain.TrackingOperations;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MessageOperations;
import io.github.springmailgun.message.StoredMessage;
import io.github.springmailgun.route.RouteDeletion;
import io.github.springmailgun.route.RouteOperations;
import io.github.springmailgun.route.RoutePage;
import io.github.springmailgun.suppression.AllowlistOperations;
import io.github.springmailgun.suppression.BounceOperations;
import io.github.springmailgun.suppression.ComplaintOperations;
import io.github.springmailgun.suppression.SuppressionResponse;
import io.github.springmailgun.suppression.UnsubscribeOperations;
import io.github.springmailgun.template.TemplateChange;
import io.github.springmailgun.template.TemplateOperations;
import io.github.springmailgun.template.TemplatePage;
import io.github.springmailgun.template.TemplateVersionPage;
import io.github.springmailgun.webhook.DomainWebhook;
import io.github.springmailgun.webhook.DomainWebhooks;
import io.github.springmailgun.webhook.HttpSigningKey;
import io.github.springmailgun.webhook.WebhookOperations;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type the client binds with Jackson has reflection hints, so a native image can read Mailgun's
 * responses. New response records are caught here if they are not registered.
 */
class RuntimeHintsCoverageTests {

	private static final List<Class<?>> AREAS = List.of(MessageOperations.class, DomainOperations.class,
			TrackingOperations.class, TemplateOperations.class, WebhookOperations.class, AnalyticsOperations.class,
			BounceOperations.class, UnsubscribeOperations.class, ComplaintOperations.class,
			AllowlistOperations.class, RouteOperations.class);

	// Pages the areas read and unwrap before returning their items: not visible in any signature.
	private static final List<Class<?>> PAGES = List.of(SuppressionResponse.class, TemplatePage.class,
			TemplateVersionPage.class, LogsPagination.class, LogsAggregates.class);

	// Records the areas build themselves from fields they read one by one: no reflection involved.
	private static final Set<Class<?>> BUILT_BY_HAND = Set.of(BatchResult.class, StoredMessage.class,
			TemplateChange.class, DomainWebhooks.class, DomainWebhook.class, HttpSigningKey.class, LogsPage.class,
			RoutePage.class, RouteDeletion.class);

	@Test
	void everyRecordAnAreaReadsIsRegistered() {
		RuntimeHints hints = new RuntimeHints();
		new MailgunRuntimeHints().registerHints(hints, getClass().getClassLoader());
		Set<Class<?>> bound = boundRecords();
		assertThat(bound).extracting(Class::getSimpleName)
			.contains("SendResponse", "DnsRecord", "DomainDetails", "StatsItem", "Bounce", "Template");
		assertThat(bound).filteredOn((type) -> !RuntimeHintsPredicates.reflection().onType(type).test(hints))
			.as("records without reflection hints")
			.isEmpty();
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

	/**
	 * The records of this library reachable from what the areas return (inside {@code Mono}, {@code Flux}
	 * or collections) and from the pages they unwrap, following record components, except those the areas
	 * build by hand.
	 */
	private static Set<Class<?>> boundRecords() {
		Deque<Type> pending = new ArrayDeque<>(PAGES);
		for (Class<?> area : AREAS) {
			for (Method method : area.getMethods()) {
				pending.add(method.getGenericReturnType());
			}
			// The suppression areas return their entry type through a type variable of the shared interface.
			pending.addAll(List.of(area.getGenericInterfaces()));
		}
		Set<Class<?>> records = new LinkedHashSet<>();
		while (!pending.isEmpty()) {
			Type type = pending.pop();
			if (type instanceof ParameterizedType parameterized) {
				pending.addAll(List.of(parameterized.getActualTypeArguments()));
			}
			else if (type instanceof Class<?> candidate && candidate.isRecord() && !BUILT_BY_HAND.contains(candidate)
					&& candidate.getPackageName().startsWith("io.github.springmailgun") && records.add(candidate)) {
				for (RecordComponent component : candidate.getRecordComponents()) {
					pending.add(component.getGenericType());
				}
			}
		}
		return records;
	}

}
