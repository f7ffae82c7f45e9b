package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The routes of a {@link MailgunMockServer}: what Mailgun would do with mail it receives. Routes are
 * account-wide, as on Mailgun, and are managed through the Routes API ({@code /v3/routes}: list with
 * {@code skip}, {@code limit} and {@code total_count}, get, create, update, delete and
 * {@code /v3/routes/match}) or {@link #create} in a test.
 *
 * <p>
 * {@link #matching(String, Map)} answers which routes act on a message, as Mailgun evaluates them: in
 * priority order (smaller first; equal priorities in the order they were created), every route whose
 * filter matches, up to the first that has {@code stop()}. The mock reads {@code match_recipient},
 * {@code match_header} and {@code catch_all}, joined with {@code and}; patterns are Python regular
 * expressions matched from the start of the value (Python's {@code re.match}), ignoring case. A filter
 * it cannot read is refused with 400 when the route is stored.
 *
 * <p>
 * Thread-safe.
 */
public final class MockInboundRoutes {

	private final MockClock clock;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock; in the order the routes were created.
	private final Map<String, Stored> routes = new LinkedHashMap<>();

	// Guarded by lock.
	private long sequence;

	MockInboundRoutes(MockClock clock) {
		this.clock = clock;
	}

	/**
	 * Stores a route for a test or a local setup, as {@code POST /v3/routes} would.
	 * @param priority the priority, 0 or more
	 * @param description the description
	 * @param expression the filter, such as {@code match_recipient("support@.*")}
	 * @param actions the actions, such as {@code forward("http://localhost:8080/inbound")}
	 * @return the stored route
	 * @throws IllegalArgumentException when the mock cannot read the filter or the priority is negative
	 */
	public MockRoute create(int priority, String description, String expression, List<String> actions) {
		try {
			return locked(() -> store(priority, description, expression, actions));
		}
		catch (BadRequestException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/**
	 * Returns every route in the order the routes were created.
	 * @return the routes
	 */
	public List<MockRoute> list() {
		return locked(() -> this.routes.values().stream().map(Stored::route).toList());
	}

	/**
	 * Returns the routes that act on a message, in the order Mailgun runs them: by priority, every route
	 * whose filter matches, up to and including the first with {@code stop()}.
	 * @param recipient the recipient address
	 * @param headers the message's headers (names in any case)
	 * @return the routes, empty when none matches
	 */
	public List<MockRoute> matching(String recipient, Map<String, String> headers) {
		return matchingAll(recipient, byLowerCaseName(headers.entrySet()));
	}

	/**
	 * Returns the routes that act on a message to a recipient, considering no headers.
	 * @param recipient the recipient address
	 * @return the routes, in the order Mailgun runs them
	 */
	public List<MockRoute> matching(String recipient) {
		return matchingAll(recipient, Map.of());
	}

	List<MockRoute> matchingAll(String recipient, Map<String, List<String>> headers) {
		return locked(() -> {
			List<MockRoute> matched = new ArrayList<>();
			for (Stored stored : inPriorityOrder()) {
				if (stored.filter().matches(recipient, headers)) {
					matched.add(stored.route());
					if (stored.route().stops()) {
						break;
					}
				}
			}
			return matched;
		});
	}

	/** Groups headers by lower-case name, the form {@link RouteFilter} matches against. */
	static Map<String, List<String>> byLowerCaseName(Collection<Map.Entry<String, String>> headers) {
		Map<String, List<String>> byName = new LinkedHashMap<>();
		headers.forEach((header) -> byName
			.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
			.add(header.getValue()));
		return byName;
	}

	/** Adds the Routes API's endpoints. */
	void register(MockRoutes endpoints) {
		new InboundRouteEndpoints(this).register(endpoints);
	}

	void reset() {
		locked(() -> {
			this.routes.clear();
			return null;
		});
	}

	/** Runs under the lock. */
	<T> T locked(java.util.function.Supplier<T> work) {
		this.lock.lock();
		try {
			return work.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Stores a route; call with the lock held. */
	MockRoute store(int priority, String description, String expression, List<String> actions) {
		if (priority < 0) {
			throw new BadRequestException("priority must be 0 or more, was " + priority);
		}
		RouteFilter filter = RouteFilter.parse(expression);
		String id = String.format(Locale.ROOT, "%08x%016x", this.clock.now().getEpochSecond(), ++this.sequence);
		MockRoute route = new MockRoute(id, priority, description, expression, actions, this.clock.now());
		this.routes.put(id, new Stored(route, filter, this.sequence));
		return route;
	}

	/** Changes a route; call with the lock held. */
	Optional<MockRoute> update(String id, @Nullable Integer priority, @Nullable String description,
			@Nullable String expression, List<String> actions) {
		Stored stored = this.routes.get(id);
		if (stored == null) {
			return Optional.empty();
		}
		if (priority != null && priority < 0) {
			throw new BadRequestException("priority must be 0 or more, was " + priority);
		}
		RouteFilter filter = (expression != null) ? RouteFilter.parse(expression) : stored.filter();
		MockRoute route = stored.route().with(priority, description, expression, actions);
		this.routes.put(id, new Stored(route, filter, stored.sequence()));
		return Optional.of(route);
	}

	/** Finds a route; call with the lock held. */
	Optional<MockRoute> find(String id) {
		return Optional.ofNullable(this.routes.get(id)).map(Stored::route);
	}

	/** Deletes a route; call with the lock held. */
	boolean delete(String id) {
		return this.routes.remove(id) != null;
	}

	private List<Stored> inPriorityOrder() {
		return this.routes.values()
			.stream()
			.sorted(Comparator.comparingInt((Stored stored) -> stored.route().priority())
				.thenComparingLong(Stored::sequence))
			.toList();
	}

	/** A route with its parsed filter and its place in the order of creation. */
	private record Stored(MockRoute route, RouteFilter filter, long sequence) {
	}

}
