package io.github.springmailgun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

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
import io.github.springmailgun.domain.ClickTrackingMode;
import io.github.springmailgun.domain.DomainDetails;
import io.github.springmailgun.domain.OpenTracking;
import io.github.springmailgun.domain.OpenTrackingUpdate;
import io.github.springmailgun.domain.TrackingSettings;
import io.github.springmailgun.domain.UnsubscribeTracking;
import io.github.springmailgun.domain.UnsubscribeTrackingUpdate;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.route.Route;
import io.github.springmailgun.route.RouteUpdate;
import io.github.springmailgun.suppression.AllowlistEntry;
import io.github.springmailgun.suppression.Bounce;
import io.github.springmailgun.suppression.Complaint;
import io.github.springmailgun.suppression.SuppressionResponse;
import io.github.springmailgun.suppression.Unsubscribe;
import io.github.springmailgun.template.Template;
import io.github.springmailgun.template.TemplatePage;
import io.github.springmailgun.template.TemplateVersion;
import io.github.springmailgun.template.TemplateVersionPage;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every response model the client binds with Jackson reads what real Mailgun sends, not only its
 * examples: each OpenAPI example the client binds (copied under {@code src/test/resources}) is served,
 * through the area call that reads it, with one change at a time: any field removed, any field
 * {@code null}, an unknown field added to any object, any enum value replaced with one this client does
 * not know. All of these still parse.
 * <p>
 * The OpenAPI document marks nearly every field required (its schemas come from Go structs), while real
 * answers leave fields out; so the client requires only what it cannot do without, the fields its models
 * declare non-null without a default: a send's id, an entry's key, the wrapped resource. Those are
 * required by the OpenAPI schemas too; without one, the call fails with {@link MailgunTransportException}
 * (a 2xx whose body is not the expected JSON) whose message names the field.
 */
class ResponseTolerancePropertiesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String UNKNOWN = "zz-added-later";

	/** The Jackson types of {@link MailgunRuntimeHints#JSON_TYPES} that the client writes, not reads. */
	@SuppressWarnings("deprecation")
	private static final Set<Class<?>> QUERIES = Set.of(MetricsQuery.class, LogsQuery.class, StatsQuery.class,
			EventsQuery.class, AnalyticsFilter.class);

	private static final MailgunMessage MESSAGE = MailgunMessage.builder()
		.from("a@mg.example.com")
		.to("b@example.com")
		.subject("s")
		.text("t")
		.build();

	@SuppressWarnings("deprecation")
	private static final List<Case> CASES = List.of(
			new Case("fixtures/message/send.json", (m) -> m.send(MESSAGE), Map.of("id", "id"), List.of(),
					SendResponse.class),
			new Case("fixtures/domain/get-domain.json", (m) -> m.domains().get("mg.example.com"),
					Map.of("domain", "domain"),
					List.of("domain.state", "sending_dns_records[].valid", "receiving_dns_records[].valid"),
					DomainDetails.class),
			new Case("fixtures/domain/verify-domain.json", (m) -> m.domains().verify(), Map.of("domain", "domain"),
					List.of("domain.state", "sending_dns_records[].valid", "receiving_dns_records[].valid"),
					DomainDetails.class),
			new Case("fixtures/domain/get-tracking.json", (m) -> m.tracking().get(), Map.of("tracking", "tracking"),
					List.of("tracking.click.active"), TrackingSettings.class),
			new Case("fixtures/domain/update-tracking-open.json",
					(m) -> m.tracking().updateOpenTracking(OpenTrackingUpdate.active(true)), Map.of("open", "open"),
					List.of(), OpenTracking.class),
			new Case("fixtures/domain/update-tracking-click.json",
					(m) -> m.tracking().updateClickTracking(ClickTrackingMode.HTML_ONLY), Map.of("click", "click"),
					List.of("click.active"), ClickTracking.class),
			new Case("fixtures/domain/update-tracking-unsubscribe.json",
					(m) -> m.tracking().updateUnsubscribeTracking(UnsubscribeTrackingUpdate.active(true)),
					Map.of("unsubscribe", "unsubscribe"), List.of(), UnsubscribeTracking.class),
			new Case("fixtures/template/get-template.json", (m) -> m.templates().get("template_name", true),
					Map.of("template", "template"), List.of(), Template.class),
			new Case("fixtures/template/list-templates.json", (m) -> m.templates().listPage(10), Map.of(), List.of(),
					TemplatePage.class),
			new Case("fixtures/template/get-version.json", (m) -> m.templates().getVersion("template_name", "v0"),
					Map.of("template", "version", "template.version", "version"), List.of(), TemplateVersion.class),
			new Case("fixtures/template/list-versions.json", (m) -> m.templates().listVersionsPage("template_name", 10),
					Map.of("template", "template"), List.of(), TemplateVersionPage.class),
			new Case("/io/github/springmailgun/suppression/bounce-get.json", (m) -> m.bounces().get("a@example.com"),
					Map.of("address", "address"), List.of(), Bounce.class),
			new Case("/io/github/springmailgun/suppression/bounces-list.json", (m) -> m.bounces().list().take(1),
					Map.of("items[].address", "address"), List.of(), Bounce.class),
			new Case("/io/github/springmailgun/suppression/unsubscribe-get.json",
					(m) -> m.unsubscribes().get("a@example.com"), Map.of("address", "address"), List.of(),
					Unsubscribe.class),
			new Case("/io/github/springmailgun/suppression/unsubscribes-list.json",
					(m) -> m.unsubscribes().list().take(1), Map.of("items[].address", "address"), List.of(),
					Unsubscribe.class),
			new Case("/io/github/springmailgun/suppression/complaint-get.json",
					(m) -> m.complaints().get("a@example.com"), Map.of("address", "address"), List.of(),
					Complaint.class),
			new Case("/io/github/springmailgun/suppression/complaints-list.json", (m) -> m.complaints().list().take(1),
					Map.of("items[].address", "address"), List.of(), Complaint.class),
			new Case("/io/github/springmailgun/suppression/whitelist-get.json", (m) -> m.allowlist().get("example.com"),
					Map.of("type", "type", "value", "value"), List.of("type"), AllowlistEntry.class),
			new Case("/io/github/springmailgun/suppression/whitelists-list.json", (m) -> m.allowlist().list().take(1),
					Map.of("items[].type", "type", "items[].value", "value"), List.of("items[].type"),
					AllowlistEntry.class),
			new Case("/io/github/springmailgun/suppression/bounces-add.json",
					(m) -> m.bounces().add(Bounce.of("a@example.com")), Map.of(), List.of(), SuppressionResponse.class),
			new Case("/io/github/springmailgun/suppression/whitelist-delete.json",
					(m) -> m.allowlist().delete("example.com"), Map.of(), List.of(), SuppressionResponse.class),
			new Case("/io/github/springmailgun/analytics/metrics.json",
					(m) -> m.analytics().metrics(MetricsQuery.builder().metrics("accepted_count").build()),
					Map.of("items[].dimensions[].dimension", "dimension", "items[].dimensions[].value", "value"),
					List.of(), MetricsResponse.class),
			new Case("/io/github/springmailgun/analytics/logs.json",
					(m) -> m.analytics().logsPage(LogsQuery.builder().build()), Map.of("items[].event", "event"), List.of(),
					LogsPagination.class, LogsAggregates.class),
			new Case("/io/github/springmailgun/analytics/stats-total.json",
					(m) -> m.analytics().stats(StatsQuery.builder("accepted").build()), Map.of(), List.of(),
					StatsResponse.class, StatsItem.class, StatsItem.Total.class),
			new Case("fixtures/analytics/stats-account-total.json",
					(m) -> m.analytics().accountStats(StatsQuery.builder("accepted").build()), Map.of(), List.of(),
					StatsResponse.class, StatsItem.class, StatsItem.Total.class),
			new Case("fixtures/analytics/aggregates-devices.json", (m) -> m.analytics().aggregatesByDevice(), Map.of(),
					List.of(), AggregateCounts.class),
			// Without "route" the answer is read as a bare route, which then lacks its id.
			new Case("fixtures/route/get-route.json", (m) -> m.routes().get("r1"), Map.of("route", "id", "route.id", "id"),
					List.of(), Route.class),
			new Case("fixtures/route/update-route-bare.json",
					(m) -> m.routes().update("r1", RouteUpdate.builder().priority(1).build()), Map.of("id", "id"),
					List.of(), Route.class),
			new Case("fixtures/route/list-routes.json", (m) -> m.routes().listPage(0, 10),
					Map.of("items[].id", "id"), List.of(), Route.class));

	private static final AtomicReference<String> BODY = new AtomicReference<>("{}");

	private static @Nullable LoopbackMailgun server;

	@BeforeContainer
	static void start() {
		server = LoopbackMailgun.start();
		// Every request gets the variant under test: a list that asked for a further page would get it
		// again rather than hang.
		server.dispatch(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return LoopbackMailgun.jsonResponse(200, BODY.get());
			}

		});
	}

	@AfterContainer
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Property(generation = GenerationMode.EXHAUSTIVE, tries = 20_000)
	void everyVariantOfEveryExampleParses(@ForAll("variants") Variant variant) {
		BODY.set(variant.json());
		Publisher<?> publisher = variant.of().call().apply(server().mailgun());
		Mono<? extends List<?>> call = Flux.from(publisher).collectList();
		if (variant.missingField() == null) {
			List<?> values = call.block(Duration.ofSeconds(5));
			// A list without items is empty; any other call gives one value.
			assertThat(values).as(variant.toString()).hasSizeBetween((publisher instanceof Mono) ? 1 : 0, 1);
		}
		else {
			assertThatThrownBy(() -> call.block(Duration.ofSeconds(5))).as(variant.toString())
				.isInstanceOf(MailgunTransportException.class)
				.satisfies((ex) -> assertThat(ex.getMessage()).as(variant.toString())
					.containsPattern("['.]" + java.util.regex.Pattern.quote(variant.missingField()) + "'"));
		}
	}

	@Example
	void everyResponseTypeTheClientBindsHasAnExample() {
		Set<Class<?>> covered = new LinkedHashSet<>();
		CASES.forEach((example) -> covered.addAll(List.of(example.binds())));
		List<Class<?>> responses = Arrays.stream(MailgunRuntimeHints.JSON_TYPES)
			.filter((type) -> !QUERIES.contains(type))
			.toList();
		assertThat(covered).containsAll(responses);
	}

	@Example
	void theVariantsCoverEveryKindOfChange() {
		List<Variant> all = variants(CASES);
		for (Change change : Change.values()) {
			assertThat(all).as(change.name()).anyMatch((variant) -> variant.change() == change);
		}
		assertThat(all).filteredOn((variant) -> variant.missingField() != null).hasSizeGreaterThan(20);
	}

	@Provide
	Arbitrary<Variant> variants() {
		return Arbitraries.of(variants(CASES));
	}

	private static LoopbackMailgun server() {
		assertThat(server).isNotNull();
		return server;
	}

	private static List<Variant> variants(List<Case> cases) {
		List<Variant> variants = new ArrayList<>();
		for (Case example : cases) {
			JsonNode original = JSON.readTree(LoopbackMailgun.fixture(LoopbackMailgun.class,
					example.fixture().startsWith("/") ? example.fixture() : "/" + example.fixture()));
			walk(original, "", "", (path, pattern, node) -> {
				if (node.isObject()) {
					ObjectNode copy = (ObjectNode) original.deepCopy();
					ObjectNode target = (ObjectNode) copy.at(path.isEmpty() ? "" : path);
					target.set(UNKNOWN, unknownValue(target));
					variants.add(new Variant(example, Change.ADD_UNKNOWN_FIELD, pattern, copy.toString(), null));
				}
				if (pattern.isEmpty() || pattern.endsWith("[]")) {
					return;
				}
				String field = example.required().get(pattern);
				variants.add(new Variant(example, Change.REMOVE, pattern, edit(original, path, null, true), field));
				variants.add(new Variant(example, Change.SET_NULL, pattern, edit(original, path, null, false), field));
				if (example.enums().contains(pattern) && node.isValueNode()) {
					variants.add(new Variant(example, Change.UNKNOWN_ENUM_VALUE, pattern,
							edit(original, path, UNKNOWN, false), null));
				}
			});
		}
		return variants;
	}

	/** A field Mailgun adds: a text to a map of scalars (a new metric or header), an object elsewhere. */
	private static JsonNode unknownValue(ObjectNode target) {
		boolean scalars = target.valueStream().allMatch(JsonNode::isValueNode);
		return scalars ? JsonNodeFactory.instance.stringNode("7")
				: JSON.readTree("{\"added\":[1,\"two\",null,{\"deep\":true}]}");
	}

	private static String edit(JsonNode original, String path, @Nullable String text, boolean remove) {
		JsonNode copy = original.deepCopy();
		int slash = path.lastIndexOf('/');
		ObjectNode parent = (ObjectNode) copy.at(path.substring(0, slash));
		String name = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
		if (remove) {
			parent.remove(name);
		}
		else if (text == null) {
			parent.putNull(name);
		}
		else {
			parent.put(name, text);
		}
		return copy.toString();
	}

	/**
	 * Visits a node and everything under it, with its JSON pointer and its pattern: the dotted field names
	 * with {@code []} for any array element, as {@link Case#required()} names fields.
	 */
	private static void walk(JsonNode node, String pointer, String pattern, Visitor visitor) {
		visitor.visit(pointer, pattern, node);
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				String name = member.getKey();
				walk(member.getValue(), pointer + "/" + name.replace("~", "~0").replace("/", "~1"),
						pattern.isEmpty() ? name : pattern + "." + name, visitor);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(node.get(i), pointer + "/" + i, pattern + "[]", visitor);
			}
		}
	}

	private interface Visitor {

		void visit(String pointer, String pattern, JsonNode node);

	}

	enum Change {

		REMOVE, SET_NULL, ADD_UNKNOWN_FIELD, UNKNOWN_ENUM_VALUE

	}

	/**
	 * An OpenAPI example and the call that reads it.
	 *
	 * @param fixture the example, under {@code src/test/resources}
	 * @param call the area call that reads it
	 * @param required the fields the client requires, by pattern, with the name its error gives each
	 * @param enums the fields, by pattern, read into a type of known values
	 * @param binds the types of {@link MailgunRuntimeHints#JSON_TYPES} the example is read into
	 */
	record Case(String fixture, Function<MailgunTemplate, Publisher<?>> call, Map<String, String> required,
			List<String> enums, Class<?>... binds) {

		@Override
		public String toString() {
			return this.fixture;
		}

	}

	/**
	 * One change of one example.
	 *
	 * @param of the example
	 * @param change the change
	 * @param pattern the field or object changed
	 * @param json the changed example
	 * @param missingField the required field the change takes away, or {@code null}
	 */
	record Variant(Case of, Change change, String pattern, String json, @Nullable String missingField) {

		@Override
		public String toString() {
			return this.change + " " + (this.pattern.isEmpty() ? "(root)" : this.pattern) + " of " + this.of;
		}

	}

}
