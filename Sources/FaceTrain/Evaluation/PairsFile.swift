import Foundation

/// A face-verification protocol in the LFW `pairs.txt` format, resolved to image paths and folds.
///
/// Each pair line is `name i j` (two pictures of one person) or `name1 i name2 j` (pictures of two people),
/// fields separated by tabs or spaces, picture numbers 1-based. A picture resolves to
/// `<imageDirectory>/<name>/<name>_<i zero-padded to 4 digits>.jpg`. Blank lines are skipped.
///
/// Folds:
/// - A first line of exactly two whole numbers `F N` is a header (View 2, `pairs.txt`): F folds, each a block of
///   N same-person lines followed by N different-person lines. The blocks are checked against the lines' kinds.
/// - Without a header (View 1, `pairsDevTrain.txt`, `pairsDevTest.txt`) the pairs are split into
///   `foldsWithoutHeader` folds by order within each kind: the i-th of S same-person pairs goes to fold ⌊i·k/S⌋,
///   and likewise for the different-person pairs. Each fold thus gets a contiguous run of each kind, as in View 2,
///   and a file listing all same pairs before all different ones still yields folds holding both. The default,
///   one fold, suits choosing a threshold on one file and testing it on another.
public struct PairsFile: Sendable, Equatable {
    public let pairs: [FacePair]
    public let foldCount: Int
    public let hasHeader: Bool

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String, imageDirectory: String, foldsWithoutHeader: Int = 1) throws(PairsFileError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(parsing: String(decoding: data, as: UTF8.self), source: path,
                      imageDirectory: imageDirectory, foldsWithoutHeader: foldsWithoutHeader)
    }

    /// Parses pairs-file text; `source` names it in errors.
    public init(parsing text: String, source: String, imageDirectory: String,
                foldsWithoutHeader: Int = 1) throws(PairsFileError) {
        precondition(foldsWithoutHeader >= 1, "PairsFile: foldsWithoutHeader must be at least 1")
        var lines: [(number: Int, fields: [Substring])] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if !fields.isEmpty { lines.append((lineNumber, fields)) }
        }

        var header: (folds: Int, perKind: Int)?
        if let first = lines.first, first.fields.count == 2, first.fields.allSatisfy({ Int($0) != nil }) {
            let folds = Int(first.fields[0])!, perKind = Int(first.fields[1])!
            guard folds > 0, perKind > 0 else {
                throw .invalidHeader(path: source, line: first.number, text: first.fields.joined(separator: " "))
            }
            header = (folds, perKind)
            lines.removeFirst()
        }
        guard !lines.isEmpty else { throw .noPairs(path: source) }

        var parsed: [FacePair] = []
        parsed.reserveCapacity(lines.count)
        for line in lines {
            parsed.append(try Self.pair(line.fields, line: line.number, source: source, imageDirectory: imageDirectory))
        }

        if let header {
            let expectedCount = header.folds * 2 * header.perKind
            guard parsed.count == expectedCount else {
                throw .countMismatch(path: source, folds: header.folds, pairsPerKind: header.perKind,
                                     found: parsed.count)
            }
            for index in parsed.indices {
                let fold = index / (2 * header.perKind)
                let expectedSame = index % (2 * header.perKind) < header.perKind
                guard parsed[index].isSame == expectedSame else {
                    throw .unexpectedKind(path: source, line: parsed[index].line, fold: fold,
                                          expectedSame: expectedSame)
                }
                parsed[index].fold = fold
            }
            foldCount = header.folds
        } else {
            let sameCount = parsed.count(where: \.isSame)
            let differentCount = parsed.count - sameCount
            let folds = foldsWithoutHeader
            guard folds <= max(sameCount, 1), folds <= max(differentCount, 1) else {
                throw .tooManyFolds(path: source, folds: folds, sameCount: sameCount, differentCount: differentCount)
            }
            var sameSeen = 0, differentSeen = 0
            for index in parsed.indices {
                if parsed[index].isSame {
                    parsed[index].fold = sameSeen * folds / sameCount
                    sameSeen += 1
                } else {
                    parsed[index].fold = differentSeen * folds / differentCount
                    differentSeen += 1
                }
            }
            foldCount = folds
        }
        pairs = parsed
        hasHeader = header != nil
    }

    /// The image path of picture `number` of `name`: `<directory>/<name>/<name>_<number as 4 digits>.jpg`.
    public static func imagePath(directory: String, name: String, number: Int) -> String {
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        let base = directory.hasSuffix("/") || directory.isEmpty ? directory : directory + "/"
        return "\(base)\(name)/\(name)_\(padded).jpg"
    }

    private static func pair(_ fields: [Substring], line: Int, source: String,
                             imageDirectory: String) throws(PairsFileError) -> FacePair {
        let nameA: Substring, numberA: Substring, nameB: Substring, numberB: Substring
        switch fields.count {
        case 3:
            (nameA, numberA, nameB, numberB) = (fields[0], fields[1], fields[0], fields[2])
        case 4:
            (nameA, numberA, nameB, numberB) = (fields[0], fields[1], fields[2], fields[3])
        default:
            throw .wrongFieldCount(path: source, line: line, count: fields.count)
        }
        for name in [nameA, nameB] where name == "." || name == ".." || name.contains("/") {
            throw .invalidName(path: source, line: line, name: String(name))
        }
        let a = try pictureNumber(numberA, line: line, source: source)
        let b = try pictureNumber(numberB, line: line, source: source)
        return FacePair(pathA: imagePath(directory: imageDirectory, name: String(nameA), number: a),
                        pathB: imagePath(directory: imageDirectory, name: String(nameB), number: b),
                        isSame: nameA == nameB, fold: 0, line: line)
    }

    private static func pictureNumber(_ text: Substring, line: Int, source: String) throws(PairsFileError) -> Int {
        guard text.allSatisfy(\.isASCII), let number = Int(text), number > 0 else {
            throw .invalidPictureNumber(path: source, line: line, text: String(text))
        }
        return number
    }
}
