# Sourced by scripts/check-shared and scripts/bench-detect: defines tools_python, the Python with
# tools/requirements.txt installed in a virtual environment ($FACEWATCH_TOOLS_VENV, else <repo>/out/venv).
# Needs $repo. Installs quietly, and only when requirements.txt changed since the last install.

tools_python() {
    local venv="${FACEWATCH_TOOLS_VENV:-$repo/out/venv}"
    local requirements="$repo/tools/requirements.txt"
    local stamp="$venv/.requirements.sha256"
    local wanted
    wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
    if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
        python3 -m venv "$venv" >&2 || { echo "tools: cannot create a Python venv in $venv (install python3-venv)" >&2; return 1; }
        if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2; then
            echo "tools: pip could not install $requirements into $venv" >&2
            return 1
        fi
        echo "$wanted" >"$stamp"
    fi
    echo "$venv/bin/python"
}
