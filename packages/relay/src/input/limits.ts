/**
 * The longest text the request readers take per field. They sit well above core's own limits (MAX_URL_LENGTH,
 * MAX_AUTHORIZATION_LENGTH, MAX_NAMESPACE_LENGTH), so core's validation can say what is wrong with a long value,
 * while a megabyte of text is refused before anything reads it.
 */
export const INPUT_LIMITS = { name: 200, url: 4096, authorization: 8192, text: 8192 } as const;
