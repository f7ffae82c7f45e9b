package io.github.springmailgun;

import io.github.springmailgun.analytics.AggregateCounts;
import io.github.springmailgun.analytics.AnalyticsFilter;
import io.github.springmailgun.analytics.EventsQuery;
import io.github.springmailgun.analytics.LogsAggregates;
import io.github.springmailgun.analytics.LogsPagination;
import io.github.springmailgun.analytics.LogsQuery;
import io.github.springmailgun.analytics.MetricsQuery;
import io.github.springmailgun.analytics.MetricsResponse;
import io.github.springmailgun.analytics.StatsItem;
import io.github.springmailgun.analytics.StatsQuery;
import io.github.springmailgun.analytics.StatsResponse;
import io.github.springmailgun.domain.ClickTracking;
import io.github.springmailgun.domain.DomainDetails;
import io.github.springmailgun.domain.OpenTracking;
import io.github.springmailgun.domain.TrackingSettings;
import io.github.springmailgun.domain.UnsubscribeTracking;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.route.Route;
import io.github.springmailgun.suppression.AllowlistEntry;
import io.github.springmailgun.suppression.Bounce;
import io.github.springmailgun.suppression.Complaint;
import io.github.springmailgun.suppression.SuppressionResponse;
import io.github.springmailgun.suppression.Unsubscribe;
import io.github.springmailgun.template.Template;
import io.github.springmailgun.template.TemplatePage;
import io.github.springmailgun.template.TemplateVersion;
import io.github.springmailgun.template.TemplateVersionPage;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers the reflection a native image needs for the types the client binds with Jackson.
 * Listed in {@code META-INF/spring/aot.factories}, so Spring's AOT processing picks it up with or
 * without Spring Boot.
 */
public class MailgunRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The types Jackson binds from Mailgun's responses, and the analytics queries it writes into requests;
	 * the types of their components, and the codecs their annotations name, are registered with them. A
	 * test checks that every type an area returns is covered.
	 */
	static final Class<?>[] JSON_TYPES = { SendResponse.class, DomainDetails.class, TrackingSettings.class,
			OpenTracking.class, ClickTracking.class, UnsubscribeTracking.class, Template.class, TemplatePage.class,
			TemplateVersion.class, TemplateVersionPage.class, Bounce.class, Unsubscribe.class, Complaint.class,
			AllowlistEntry.class, SuppressionResponse.class, MetricsResponse.class,
			LogsPagination.class, LogsAggregates.class, StatsResponse.class, StatsItem.class,
			StatsItem.Total.class, MetricsQuery.class, LogsQuery.class, StatsQuery.class, EventsQuery.class,
			AnalyticsFilter.class, AggregateCounts.class, Route.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), JSON_TYPES);
		// Named in @JsonDeserialize(using = ...): Jackson instantiates it reflectively.
		hints.reflection().registerType(MailgunDates.InstantDeserializer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
	}

}
