/// The known key a mistyped one was most likely meant to be: the nearest by edit distance (insertions,
/// deletions, substitutions and swaps of neighbours each count one; case and `-` versus `_` count nothing),
/// when it is near enough to be a typo rather than a different word.
enum KeySuggestion {
    static func nearest(to key: String, among knownKeys: [String]) -> String? {
        let typed = normalized(key)
        var best: (key: String, distance: Int)?
        for known in knownKeys {
            let distance = editDistance(typed, normalized(known))
            let allowed = max(1, min(3, known.count / 3))
            guard distance <= allowed else { continue }
            if let current = best, current.distance <= distance { continue }
            best = (known, distance)
        }
        guard let best else { return nil }
        return best.key
    }

    private static func normalized(_ key: String) -> [Character] {
        key.lowercased().map { $0 == "-" ? "_" : $0 }
    }

    /// Optimal string alignment distance: Levenshtein plus transposition of adjacent characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var twoRowsBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = a[i - 1] == b[j - 1] ? 0 : 1
                var cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cost = min(cost, twoRowsBack[j - 2] + 1)
                }
                current[j] = cost
            }
            (twoRowsBack, previous, current) = (previous, current, twoRowsBack)
        }
        return previous[b.count]
    }
}
