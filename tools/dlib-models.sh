# Sourced by scripts/check-shared and scripts/bench-embed: defines dlib_models, which makes sure dlib's 5-point
# shape predictor and face-recognition ResNet (PyPI face-recognition-models 0.3.0) are in <repo>/out/dlib-models
# and prints that directory. Needs $repo.

dlib_models() {
    local directory="$repo/out/dlib-models"
    if [[ ! -f "$directory/shape_predictor_5_face_landmarks.dat" || ! -f "$directory/dlib_face_recognition_resnet_model_v1.dat" ]]; then
        local download
        download="$(mktemp -d)"
        python3 -m pip download --quiet --no-deps --no-binary :all: -d "$download" face-recognition-models==0.3.0 >&2 ||
            { echo "tools: cannot download face-recognition-models 0.3.0" >&2; rm -rf "$download"; return 1; }
        mkdir -p "$directory"
        tar -xzf "$download"/face_recognition_models-0.3.0.tar.gz -C "$download"
        cp "$download"/face_recognition_models-0.3.0/face_recognition_models/models/{shape_predictor_5_face_landmarks,dlib_face_recognition_resnet_model_v1}.dat "$directory/"
        rm -rf "$download"
    fi
    echo "$directory"
}
