package io.eventloom.registry;

/** A version as given in a URL: a number from 1, or "latest" / -1 for the newest. */
final class VersionId {

    private VersionId() {
    }

    static int parse(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return RegistryState.LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version == RegistryState.LATEST || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below, which names the bad value
        }
        throw RegistryException.invalidVersion(text);
    }
}
