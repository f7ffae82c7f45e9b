package io.github.springmailgun.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link TrackingOperations} against a loopback server, with Mailgun's documented examples.
 */
class TrackingOperationsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final LoopbackMailgun mailgun = new LoopbackMailgun();

	@AfterEach
	void close() {
		this.mailgun.close();
	}

	@Test
	void getReadsTheTrackingSettings() {
		this.mailgun.enqueueFixture("domain/get-tracking.json");
		TrackingSettings settings = this.mailgun.mailgun().tracking().get().block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/tracking");
		assertThat(settings).isNotNull();
		assertThat(settings.open().active()).isTrue();
		assertThat(settings.open().placeAtTheTop()).isFalse();
		assertThat(settings.click().mode()).isEqualTo(ClickTrackingMode.ENABLED);
		assertThat(settings.click().isActive()).isTrue();
		assertThat(settings.unsubscribe().active()).isTrue();
		assertThat(settings.unsubscribe().htmlFooter()).isEqualTo("off");
		assertThat(settings.unsubscribe().textFooter()).isEqualTo("on");
		assertThat(settings.webScheme()).isEqualTo("http");
	}

	@Test
	void getReadsHtmlOnlyClickTrackingWrittenAsText() {
		this.mailgun.respond(200, """
				{"tracking": {"open": {"active": false}, "click": {"active": "htmlonly"},
				 "unsubscribe": {"active": false, "html_footer": "", "text_footer": ""}}}
				""");
		TrackingSettings settings = this.mailgun.mailgun().tracking().get().block(TIMEOUT);
		assertThat(settings).isNotNull();
		assertThat(settings.click().mode()).isEqualTo(ClickTrackingMode.HTML_ONLY);
		assertThat(settings.click().isActive()).isTrue();
		assertThat(settings.open().active()).isFalse();
		assertThat(settings.webScheme()).isNull();
	}

	@Test
	void updateOpenTrackingPutsBothFields() {
		this.mailgun.enqueueFixture("domain/update-tracking-open.json");
		OpenTracking open = this.mailgun.mailgun()
			.tracking()
			.updateOpenTracking(OpenTrackingUpdate.builder().active(true).placeAtTheTop(false).build())
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/tracking/open");
		assertThat(LoopbackMailgun.multipartFields(request)).containsExactly(entry("active", List.of("true")),
				entry("place_at_the_top", List.of("false")));
		assertThat(open).isNotNull();
		assertThat(open.active()).isTrue();
	}

	@Test
	void updateOpenTrackingLeavesUnsetFieldsOut() {
		this.mailgun.enqueueFixture("domain/update-tracking-open.json");
		this.mailgun.mailgun().tracking().updateOpenTracking(OpenTrackingUpdate.active(false)).block(TIMEOUT);
		assertThat(LoopbackMailgun.multipartFields(this.mailgun.takeRequest()))
			.containsExactly(entry("active", List.of("false")));
	}

	@Test
	void updateClickTrackingSendsHtmlOnly() {
		this.mailgun.enqueueFixture("domain/update-tracking-click.json");
		ClickTracking click = this.mailgun.mailgun()
			.tracking()
			.updateClickTracking(ClickTrackingMode.HTML_ONLY)
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/tracking/click");
		assertThat(LoopbackMailgun.multipartFields(request)).containsExactly(entry("active", List.of("htmlonly")));
		assertThat(click).isNotNull();
		assertThat(click.mode()).isEqualTo(ClickTrackingMode.ENABLED);
	}

	@Test
	void updateUnsubscribeTrackingSendsFooters() {
		this.mailgun.enqueueFixture("domain/update-tracking-unsubscribe.json");
		UnsubscribeTracking unsubscribe = this.mailgun.mailgun()
			.tracking()
			.updateUnsubscribeTracking(UnsubscribeTrackingUpdate.builder()
				.active(true)
				.htmlFooter("<p><a href=\"%unsubscribe_url%\">unsubscribe</a></p>")
				.textFooter("To unsubscribe click: <%unsubscribe_url%>")
				.build())
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/tracking/unsubscribe");
		Map<String, List<String>> fields = LoopbackMailgun.multipartFields(request);
		assertThat(fields).containsExactly(entry("active", List.of("true")),
				entry("html_footer", List.of("<p><a href=\"%unsubscribe_url%\">unsubscribe</a></p>")),
				entry("text_footer", List.of("To unsubscribe click: <%unsubscribe_url%>")));
		assertThat(unsubscribe).isNotNull();
		assertThat(unsubscribe.active()).isTrue();
		assertThat(unsubscribe.htmlFooter()).contains("<a href=\"%unsubscribe_url%\">unsubscribe</a>");
		assertThat(unsubscribe.textFooter()).startsWith("To unsubscribe click: <%unsubscribe_url%>");
	}

	@Test
	void updatesThatChangeNothingFailWithoutARequest() {
		TrackingOperations tracking = this.mailgun.mailgun().tracking();
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> tracking.updateOpenTracking(OpenTrackingUpdate.builder().build()).block(TIMEOUT));
		assertThatExceptionOfType(MailgunValidationException.class).isThrownBy(
				() -> tracking.updateUnsubscribeTracking(UnsubscribeTrackingUpdate.builder().build()).block(TIMEOUT));
		assertThat(this.mailgun.server().getRequestCount()).isZero();
	}

	@Test
	void updateWebSchemePutsTheSchemeOnTheV4Domain() {
		this.mailgun.enqueueFixture("domain/update-domain.json");
		DomainDetails details = this.mailgun.mailgun().tracking().updateWebScheme(WebScheme.HTTPS).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v4/domains/mg.example.com");
		assertThat(LoopbackMailgun.multipartFields(request)).containsExactly(entry("web_scheme", List.of("https")));
		assertThat(details).isNotNull();
		assertThat(details.domain().name()).isEqualTo("example.com");
		assertThat(details.domain().webScheme()).isEqualTo("http");
	}

	@Test
	void updateWebSchemeRefusesNullWithoutARequest() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.mailgun.mailgun().tracking().updateWebScheme(null).block(TIMEOUT))
			.withMessageContaining("web_scheme");
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void forDomainBindsTrackingToTheOtherDomain() {
		this.mailgun.enqueueFixture("domain/get-tracking.json");
		this.mailgun.mailgun().forDomain("other.example.com").tracking().get().block(TIMEOUT);
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/domains/other.example.com/tracking");
	}

}
