/// `url` with the password of its user information replaced by `***`:
/// `rtsp://user:secret@cam:554/live` becomes `rtsp://user:***@cam:554/live`.
///
/// The authority is read as RFC 3986 (and FFmpeg) read it: it runs from `://` to the first `/`, `?` or `#`, and
/// the user information ends at its last `@`. A URL without a password, or without `://`, is returned unchanged;
/// redacting a redacted URL changes nothing.
public func redactingCredentials(in url: String) -> String {
    let characters = Array(url.unicodeScalars)
    guard let schemeEnd = firstIndex(of: "://", in: characters) else { return url }
    let authorityStart = schemeEnd + 3
    var authorityEnd = authorityStart
    while authorityEnd < characters.count, !"/?#".unicodeScalars.contains(characters[authorityEnd]) {
        authorityEnd += 1
    }
    guard let at = characters[authorityStart..<authorityEnd].lastIndex(of: "@"),
          let colon = characters[authorityStart..<at].firstIndex(of: ":")
    else { return url }

    var redacted = String.UnicodeScalarView()
    redacted.append(contentsOf: characters[..<(colon + 1)])
    redacted.append(contentsOf: "***".unicodeScalars)
    redacted.append(contentsOf: characters[at...])
    return String(redacted)
}

private func firstIndex(of pattern: String, in characters: [Unicode.Scalar]) -> Int? {
    let needle = Array(pattern.unicodeScalars)
    guard characters.count >= needle.count else { return nil }
    for start in 0...(characters.count - needle.count)
    where characters[start..<(start + needle.count)].elementsEqual(needle) {
        return start
    }
    return nil
}
