package dev.rowstream.dialect;

/**
 * A server setting that can end a long read, as the session sees it.
 *
 * @param name    the setting's name, such as {@code statement_timeout}
 * @param value   its value for this session, as the server shows it ({@code 0} usually means off)
 * @param meaning what it does to a long read, in a few words
 * @param capsQuery true when the setting caps how long one query may run (a value above 0 then ends a
 *                  CURSOR read, which is one query, at that time)
 */
public record ServerSetting(String name, String value, String meaning, boolean capsQuery) {
}
