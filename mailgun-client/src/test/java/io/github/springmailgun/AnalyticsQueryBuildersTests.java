package io.github.springmailgun;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.github.springmailgun.analytics.AnalyticsFilter;
import io.github.springmailgun.analytics.LogsQuery;
import io.github.springmailgun.analytics.MetricsQuery;
import io.github.springmailgun.analytics.Resolution;
import io.github.springmailgun.analytics.StatsQuery;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.Parameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics builders inherit their shared methods from package-private base classes: they must stay
 * callable, and chainable, from users' packages.
 */
class AnalyticsQueryBuildersTests {

	private static final Instant START = Instant.parse("2024-07-08T00:00:00Z");

	@Test
	void metricsBuilderChainsTheSharedMethodsFromAnotherPackage() {
		MetricsQuery query = MetricsQuery.builder()
			.start(START)
			.end(START.plus(Duration.ofDays(1)))
			.duration(Duration.ofHours(6))
			.filter(AnalyticsFilter.domain("mg.example.com"))
			.includeSubaccounts(true)
			.sort("time:asc")
			.resolution(Resolution.HOUR)
			.metrics("delivered_count")
			.build();
		assertThat(new String(Json.write(query), StandardCharsets.UTF_8)).isEqualTo(
				"{\"start\":\"Mon, 08 Jul 2024 00:00:00 +0000\",\"end\":\"Tue, 09 Jul 2024 00:00:00 +0000\","
						+ "\"resolution\":\"hour\",\"duration\":\"6h\",\"metrics\":[\"delivered_count\"],"
						+ "\"filter\":{\"AND\":[{\"attribute\":\"domain\",\"comparator\":\"=\",\"values\":"
						+ "[{\"label\":\"mg.example.com\",\"value\":\"mg.example.com\"}]}]},"
						+ "\"include_subaccounts\":true,\"pagination\":{\"sort\":\"time:asc\"}}");
	}

	@Test
	void logsBuilderChainsTheSharedMethodsFromAnotherPackage() {
		LogsQuery query = LogsQuery.builder()
			.duration(Duration.ofDays(1))
			.sort("timestamp:asc")
			.events("failed")
			.build();
		assertThat(new String(Json.write(query.withToken("t2")), StandardCharsets.UTF_8))
			.isEqualTo("{\"duration\":\"1d\",\"events\":[\"failed\"],"
					+ "\"pagination\":{\"sort\":\"timestamp:asc\",\"token\":\"t2\"}}");
		assertThat(query.token()).isNull();
	}

	@Test
	@SuppressWarnings("deprecation")
	void statsBuilderChainsTheSharedMethodsFromAnotherPackage() {
		StatsQuery query = StatsQuery.builder("delivered").start(START).durationMonths(2).events("failed").build();
		assertThat(Parameters.of(query).toForm()).extracting((field) -> field.name() + "=" + field.value())
			.containsExactly("event=delivered", "event=failed", "start=Mon, 08 Jul 2024 00:00:00 +0000",
					"duration=2m");
	}

}
