package io.github.springmailgun.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Points the Mailgun starter of a {@code @SpringBootTest} at a local {@link
 * io.github.springmailgun.test.MailgunMockServer}: no account, no properties, no network. The mock is a
 * bean, so the test can inject it and assert what was sent; it is reset before each test method.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureMailgunMock
 * class SignupTests {
 *     &#64;Autowired MailgunMockServer mailgun;
 *     ...
 *     assertThat(mailgun.lastMessage().to()).containsExactly("alice@example.com");
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureMailgunMock {

}
