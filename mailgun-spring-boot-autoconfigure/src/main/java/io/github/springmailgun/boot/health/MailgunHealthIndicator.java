package io.github.springmailgun.boot.health;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.github.springmailgun.MailgunRegion;
import io.github.springmailgun.domain.DnsRecord;
import io.github.springmailgun.domain.DnsRecordValidity;
import io.github.springmailgun.domain.DomainDetails;
import io.github.springmailgun.domain.DomainOperations;
import io.github.springmailgun.domain.DomainState;
import io.github.springmailgun.error.MailgunAuthenticationException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunTimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports whether a Mailgun sending domain can send, from {@code GET /v4/domains/{domain}}: UP when the
 * domain is active, DOWN when it is unverified or disabled (with the DNS records that are not valid) or
 * unknown in the region, UNKNOWN when Mailgun does not answer in time or the key may not read domains.
 *
 * <p>
 * The check is bounded by a timeout and its result is reused for a time-to-live, and concurrent probes
 * share one call, so a probe never hangs and never adds load that could trip Mailgun's rate limits.
 * Details name the domain and region, never the key.
 */
public class MailgunHealthIndicator implements ReactiveHealthIndicator {

	private final DomainOperations domains;

	private final String domain;

	private final MailgunRegion region;

	private final Duration timeout;

	private final Mono<Health> cached;

	/**
	 * Creates an indicator for one domain.
	 * @param domains the domain operations, bound to the domain to check
	 * @param region the configured region, reported in details and hints
	 * @param timeout the longest wait for Mailgun
	 * @param cacheTtl how long a result is reused; zero disables reuse
	 */
	public MailgunHealthIndicator(DomainOperations domains, MailgunRegion region, Duration timeout, Duration cacheTtl) {
		this(domains, region, timeout, cacheTtl, Schedulers.parallel());
	}

	/**
	 * Creates an indicator for one domain whose cached result expires on the given scheduler's clock.
	 * @param domains the domain operations, bound to the domain to check
	 * @param region the configured region, reported in details and hints
	 * @param timeout the longest wait for Mailgun
	 * @param cacheTtl how long a result is reused; zero disables reuse
	 * @param cacheClock the scheduler whose clock measures the time-to-live (a virtual one in tests)
	 */
	public MailgunHealthIndicator(DomainOperations domains, MailgunRegion region, Duration timeout, Duration cacheTtl,
			Scheduler cacheClock) {
		this.domains = domains;
		this.domain = domains.domain();
		this.region = region;
		this.timeout = timeout;
		this.cached = Mono.defer(this::check)
			.timeout(timeout, Mono.fromSupplier(this::timedOut))
			.cache(health -> cacheTtl, error -> Duration.ZERO, () -> Duration.ZERO, cacheClock);
	}

	@Override
	public Mono<Health> health() {
		return this.cached;
	}

	private Mono<Health> check() {
		return this.domains.get().map(this::fromDomain).onErrorResume(this::fromError);
	}

	private Health fromDomain(DomainDetails details) {
		DomainState state = details.domain().state();
		Status status = switch (state) {
			case ACTIVE -> Status.UP;
			case UNVERIFIED, DISABLED -> Status.DOWN;
			// A state Mailgun added after this library was written: say so rather than guess.
			default -> Status.UNKNOWN;
		};
		Health.Builder builder = base(status)
			.withDetail("state", state.name().toLowerCase(Locale.ROOT));
		if (state != DomainState.ACTIVE) {
			List<String> invalid = details.sendingDnsRecords()
				.stream()
				.filter(record -> record.valid() != DnsRecordValidity.VALID)
				.map(MailgunHealthIndicator::describe)
				.toList();
			builder.withDetail("invalidDnsRecords", invalid);
		}
		return builder.build();
	}

	private static String describe(DnsRecord record) {
		return record.recordType() + " " + record.name() + " (" + String.valueOf(record.valid()).toLowerCase(Locale.ROOT) + ")";
	}

	private Mono<Health> fromError(Throwable error) {
		if (error instanceof MailgunAuthenticationException auth) {
			// Mailgun answers a domain sending key like an invalid key here: both causes are possible, and
			// reporting DOWN would take a service that can send out of service.
			String why = (auth.getStatusCode() == 403)
					? "The API key may not read domains (a domain sending key or a restricted role); sending may still work."
					: "Mailgun refused the API key for reading domains: either the key is invalid, or it is a domain "
							+ "sending key, which may only send. An account API key gives the full check.";
			return Mono.just(base(Status.UNKNOWN).withDetail("error", why).build());
		}
		if (error instanceof MailgunNotFoundException) {
			MailgunRegion other = (this.region == MailgunRegion.US) ? MailgunRegion.EU : MailgunRegion.US;
			return Mono.just(base(Status.DOWN)
				.withDetail("error", "Domain not found in the " + this.region + " region; if it was created in the "
						+ other + " region, set mailgun.region=" + other.name().toLowerCase(Locale.ROOT))
				.build());
		}
		if (error instanceof MailgunTimeoutException || error instanceof TimeoutException) {
			return Mono.just(timedOut());
		}
		return Mono.just(base(Status.DOWN).withDetail("error", error.getClass().getSimpleName()).build());
	}

	private Health timedOut() {
		return base(Status.UNKNOWN).withDetail("error", "Mailgun did not answer within " + this.timeout).build();
	}

	private Health.Builder base(Status status) {
		return Health.status(status).withDetail("domain", this.domain).withDetail("region", this.region.name());
	}

}
