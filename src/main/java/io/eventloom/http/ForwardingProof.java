package io.eventloom.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Proof that a request comes from an instance of the same application: an HMAC-SHA256, under the secret the
 * instances share, of the request's path and query and of whether it may see personal data. A client cannot make
 * one, and one seen on the wire is good only for the same read. No time goes in, so skewed clocks do not matter.
 */
final class ForwardingProof {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    ForwardingProof(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the forwarding secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    String sign(String pathAndQuery, PersonalData personal) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(pathAndQuery, personal));
    }

    boolean verifies(String proof, String pathAndQuery, PersonalData personal) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(proof);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(pathAndQuery, personal));
    }

    private byte[] mac(String pathAndQuery, PersonalData personal) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((personal + " GET " + pathAndQuery).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
