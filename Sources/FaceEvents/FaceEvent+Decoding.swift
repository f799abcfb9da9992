import Foundation

extension FaceEvent {
    /// Reads an event back from a line that ``jsonLine()`` wrote (a trailing newline is allowed).
    ///
    /// Keys may come in any order and unknown keys are ignored, so that readers keep working when later
    /// versions of the daemon add keys. Values come back as they were written: rounded to ``WirePrecision``,
    /// the time to milliseconds, a URL with its password redacted.
    public init(jsonLine line: String) throws(FaceEventDecodingError) {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw FaceEventDecodingError.notAnObject(excerpt: Self.excerpt(of: line))
            }
            object = parsed
        } catch {
            throw .notAnObject(excerpt: Self.excerpt(of: line))
        }
        let fields = EventFields(object: object, type: object["type"] as? String ?? "?")

        guard let version = object["v"] else { throw .unsupportedVersion(found: "missing") }
        guard let number = version as? NSNumber, !EventFields.isBoolean(number),
              number.doubleValue == Double(Self.schemaVersion)
        else { throw .unsupportedVersion(found: "\(version)") }
        guard let typeValue = object["type"] else { throw .missingKey(type: "?", key: "type") }
        guard let type = typeValue as? String else {
            throw .invalidValue(type: "?", key: "type", expected: "a string")
        }

        let kind: Kind
        switch type {
        case "stream.up":
            kind = .streamUp(
                url: try fields.string("url"), width: try fields.integer("width"),
                height: try fields.integer("height"), fps: try fields.optionalNumber("fps"))
        case "stream.down":
            kind = .streamDown(reason: try fields.string("reason"), retryIn: try fields.optionalNumber("retry_in"))
        case "track.start":
            kind = .trackStart(track: try fields.integer("track"), pts: try fields.number("pts"), box: try fields.box())
        case "identity":
            kind = .identity(
                track: try fields.integer("track"), identity: try fields.string("identity"),
                distance: try fields.optionalNumber("distance"), pts: try fields.number("pts"),
                box: try fields.box())
        case "track.end":
            kind = .trackEnd(
                track: try fields.integer("track"), pts: try fields.number("pts"),
                identity: try fields.string("identity"), duration: try fields.number("duration"),
                frames: try fields.integer("frames"))
        case "frames.dropped":
            kind = .framesDropped(
                count: try fields.integer("count"), total: try fields.integer("total"), pts: try fields.number("pts"))
        default:
            throw .unknownType(type)
        }

        let timestamp = try fields.string("ts")
        guard let time = EventTimestamp.date(from: timestamp) else {
            throw .invalidTimestamp(type: type, text: timestamp)
        }
        self.init(stream: try fields.string("stream"), time: time, kind: kind)
    }

    private static func excerpt(of line: String) -> String {
        line.count > 60 ? String(line.prefix(60)) + "…" : line
    }
}

/// Typed access to the members of one parsed event object, throwing errors that name the key.
private struct EventFields {
    let object: [String: Any]
    let type: String

    func string(_ key: String) throws(FaceEventDecodingError) -> String {
        guard let text = try value(key) as? String else {
            throw .invalidValue(type: type, key: key, expected: "a string")
        }
        return text
    }

    func integer(_ key: String) throws(FaceEventDecodingError) -> Int {
        guard let number = try value(key) as? NSNumber, !Self.isBoolean(number),
              abs(number.doubleValue) < 9e18, Double(number.int64Value) == number.doubleValue
        else { throw .invalidValue(type: type, key: key, expected: "an integer") }
        return Int(number.int64Value)
    }

    func number(_ key: String) throws(FaceEventDecodingError) -> Double {
        guard let number = try value(key) as? NSNumber, !Self.isBoolean(number) else {
            throw .invalidValue(type: type, key: key, expected: "a number")
        }
        return number.doubleValue
    }

    /// nil when the key is absent or `null` (how a non-finite number is written).
    func optionalNumber(_ key: String) throws(FaceEventDecodingError) -> Double? {
        guard let present = object[key], !(present is NSNull) else { return nil }
        return try number(key)
    }

    func box() throws(FaceEventDecodingError) -> FaceEvent.Box {
        guard let items = try value("box") as? [Any], items.count == 4 else {
            throw .invalidValue(type: type, key: "box", expected: "an array [x,y,w,h] of 4 numbers")
        }
        var numbers: [Double] = []
        for item in items {
            guard let number = item as? NSNumber, !Self.isBoolean(number) else {
                throw .invalidValue(type: type, key: "box", expected: "an array [x,y,w,h] of 4 numbers")
            }
            numbers.append(number.doubleValue)
        }
        return FaceEvent.Box(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
    }

    private func value(_ key: String) throws(FaceEventDecodingError) -> Any {
        guard let value = object[key] else { throw .missingKey(type: type, key: key) }
        return value
    }

    /// JSON `true` and `false` arrive as NSNumber too; they are not numbers here.
    static func isBoolean(_ number: NSNumber) -> Bool {
        number.objCType.pointee == CChar(UInt8(ascii: "c"))
    }
}
