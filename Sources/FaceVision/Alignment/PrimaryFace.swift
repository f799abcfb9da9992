/// Which of the faces in a photo is the photo's subject, for cutting one training chip per photo.
///
/// The largest face wins, unless others come close: every face whose box area is at least `closeAreaRatio`
/// (80 %) of the largest one's is a candidate, and of those the one whose box centre lies nearest the image's
/// centre is chosen. A crowd shot's bystanders are thus passed over, and two similar faces are told apart by
/// where the photographer put them.
public enum PrimaryFace {
    public static let closeAreaRatio = 0.8

    public static func pick(from faces: [DetectedFace], imageWidth: Int, imageHeight: Int) -> DetectedFace? {
        guard let largest = faces.map(\.box.area).max() else { return nil }
        let centreX = Double(imageWidth) / 2, centreY = Double(imageHeight) / 2
        func distanceToCentre(_ face: DetectedFace) -> Double {
            let dx = face.box.x + face.box.width / 2 - centreX, dy = face.box.y + face.box.height / 2 - centreY
            return dx * dx + dy * dy
        }
        return faces.filter { $0.box.area >= closeAreaRatio * largest }.min { distanceToCentre($0) < distanceToCentre($1) }
    }
}
