package io.eventloom.http;

/** Whether an answer shows the fields its schemas mark as personal data, or masks them. */
public enum PersonalData {
    SHOWN,
    MASKED
}
