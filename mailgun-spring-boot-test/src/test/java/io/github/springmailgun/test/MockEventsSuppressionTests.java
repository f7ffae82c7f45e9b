package io.github.springmailgun.test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.FailureSeverity;
import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.webhook.WebhookPayloadParser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the events use the suppression lists, through the package-private contract of
 * {@link MockSuppressions} ({@link MockEvents.SuppressionStore}), with a store that records the calls: a
 * suppressed address fails with Mailgun's {@code suppress-*} reason, and bounces, complaints and
 * unsubscribes reach the lists before their events are told.
 */
class MockEventsSuppressionTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final MockClock clock = MockClock.manual(START);

	private final RecordingStore store = new RecordingStore();

	private final MockEvents events = new MockEvents(this.clock, new MockSuppressions(this.clock), this.store);

	private final List<String> told = new ArrayList<>();

	MockEventsSuppressionTests() {
		this.events.listen(event -> this.told.add(event.event() + " " + event.recipient() + " after "
				+ String.join(",", this.store.calls)));
	}

	@Test
	void suppressedAddressesFailPermanentlyWithMailgunsReasons() {
		this.store.reasons = Map.of("gone@example.com", "suppress-bounce", "out@example.com", "suppress-unsubscribe",
				"spam@example.com", "suppress-complaint");
		this.events.accepted(message("gone@example.com, out@example.com, spam@example.com, ok@example.com", "news"));
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.store.asked).containsExactly("gone@example.com [news]", "out@example.com [news]",
				"spam@example.com [news]", "ok@example.com [news]");
		List<MockEvent> failed = this.events.all().stream().filter(event -> event.event().equals("failed")).toList();
		assertThat(failed).extracting(MockEvent::recipient)
			.containsExactly("gone@example.com", "out@example.com", "spam@example.com");
		assertThat(failed).extracting(MockEvent::severity).containsOnly("permanent");
		assertThat(failed).extracting(event -> event.data().get("reason"))
			.containsExactly("suppress-bounce", "suppress-unsubscribe", "suppress-complaint");
		WebhookPayloadParser parser = new WebhookPayloadParser();
		for (MockEvent event : failed) {
			MailgunEvent read = parser.parseEvent(event.data());
			assertThat(read).isInstanceOfSatisfying(FailedEvent.class, failure -> {
				assertThat(failure.severity()).isEqualTo(FailureSeverity.PERMANENT);
				assertThat(failure.deliveryStatus().code()).isEqualTo(605);
			});
		}
		assertThat(this.events.all()).filteredOn(event -> event.recipient().equals("ok@example.com"))
			.extracting(MockEvent::event)
			.containsExactly("accepted", "delivered");
		assertThat(this.store.calls).isEmpty();
	}

	@Test
	void bouncesComplaintsAndUnsubscribesReachTheListsBeforeTheirEvents() {
		this.events.accepted(message("bounce@example.com, complain@example.com, unsubscribe@example.com", null));
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.store.calls).containsExactly("bounce mg.example.com bounce@example.com 550",
				"complain mg.example.com complain@example.com", "unsubscribe mg.example.com unsubscribe@example.com null");
		assertThat(this.told).contains("failed bounce@example.com after bounce mg.example.com bounce@example.com 550",
				"complained complain@example.com after bounce mg.example.com bounce@example.com 550,"
						+ "complain mg.example.com complain@example.com");
	}

	@Test
	void anAllowlistedBounceStillFails() {
		this.store.bounceAdds = false;
		this.events.accepted(message("bounce@example.com", null));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.events.all()).extracting(MockEvent::event).containsExactly("accepted", "failed");
		assertThat(this.store.calls).hasSize(1);
	}

	private static MockMessage message(String to, @Nullable String tag) {
		Map<String, List<String>> fields = (tag != null)
				? Map.of("from", List.of("shop@mg.example.com"), "to", List.of(to), "subject", List.of("Hi"), "text",
						List.of("t"), "o:tag", List.of(tag))
				: Map.of("from", List.of("shop@mg.example.com"), "to", List.of(to), "subject", List.of("Hi"), "text",
						List.of("t"));
		return new MockMessage("<20260101000000.1.ABC@mg.example.com>", "key",
				URI.create("http://127.0.0.1:1/v3/domains/mg.example.com/messages/key"), "mg.example.com", START,
				new FormData(fields, List.of()), false);
	}

	private static final class RecordingStore implements MockEvents.SuppressionStore {

		Map<String, String> reasons = Map.of();

		boolean bounceAdds = true;

		final List<String> asked = new ArrayList<>();

		final List<String> calls = new ArrayList<>();

		@Override
		public @Nullable String suppressionReason(String domain, String address, List<String> tags) {
			this.asked.add(address + " " + tags);
			return this.reasons.get(address);
		}

		@Override
		public boolean bounce(String domain, String address, int code, String error) {
			this.calls.add("bounce " + domain + " " + address + " " + code);
			return this.bounceAdds;
		}

		@Override
		public void complain(String domain, String address) {
			this.calls.add("complain " + domain + " " + address);
		}

		@Override
		public void unsubscribe(String domain, String address, @Nullable String tag) {
			this.calls.add("unsubscribe " + domain + " " + address + " " + tag);
		}

	}

}
