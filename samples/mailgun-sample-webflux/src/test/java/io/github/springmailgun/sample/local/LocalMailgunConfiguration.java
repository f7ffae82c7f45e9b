package io.github.springmailgun.sample.local;

import io.github.springmailgun.test.autoconfigure.AutoConfigureMailgunMock;
import io.github.springmailgun.test.autoconfigure.MockOutboxController;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Local mode: the starter sends to an in-process Mailgun mock, and {@code GET /outbox} shows what was
 * sent. Lives outside the application's package so component scanning never picks it up by accident.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigureMailgunMock
@Import(MockOutboxController.class)
public class LocalMailgunConfiguration {

}
