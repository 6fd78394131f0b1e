# Pixel edits shared by the image sets that the benchmarks and the dedup evaluation build, so that
# "bright" or "border_white" means the same thing in every measurement. Source this file; needs the
# libvips command-line tools (scripts/bootstrap.sh --bench installs them).
#
# normalise_photo IN OUT SIZE   upright, at most SIZE px, alpha (if any) flattened onto white, 8-bit sRGB.
normalise_photo() {
  local in="$1" out="$2" size="$3"
  local tmp; tmp="$(mktemp -d)"
  vips thumbnail "$in" "$tmp/t.v" "$size" --size down
  # flatten takes the last band as alpha whatever it is (the blue of RGB), so only 2- and 4-band images go through it.
  case "$(vipsheader -f bands "$tmp/t.v")" in
    2 | 4) vips flatten "$tmp/t.v" "$tmp/f.v" --background 255 ;;
    *) cp "$tmp/t.v" "$tmp/f.v" ;;
  esac
  vips colourspace "$tmp/f.v" "$out" srgb
  local status=$?; rm -rf "$tmp"; return $status
}

# image_edit EDIT IN OUT   IN: 8-bit sRGB without alpha; OUT's suffix (and [options]) picks the format.
image_edit() {
  local edit="$1" in="$2" out="$3"
  local w h; w=$(vipsheader -f width "$in"); h=$(vipsheader -f height "$in")
  local e=$((w / 10)) f=$((h / 10))
  case "$edit" in
    half|resize50) vips resize "$in" "$out" 0.5 ;;
    crop_center80) vips extract_area "$in" "$out" "$e" "$f" $((w - 2 * e)) $((h - 2 * f)) ;;
    crop_light) vips extract_area "$in" "$out" $((w * 8 / 100)) $((h * 8 / 100)) $((w - 2 * (w * 8 / 100))) $((h - 2 * (h * 8 / 100))) ;;
    crop_side) vips extract_area "$in" "$out" 0 0 $((w - e)) "$h" ;;
    crop_corner70) vips extract_area "$in" "$out" 0 0 $((w * 7 / 10)) $((h * 7 / 10)) ;;
    border_white) vips embed "$in" "$out" "$e" "$f" $((w + 2 * e)) $((h + 2 * f)) --extend white ;;
    frame_dark) vips embed "$in" "$out" $((w / 20)) $((h / 4)) $((w + w / 10)) $((h + h / 2)) --extend background --background 30 ;;
    flip|mirror) vips flip "$in" "$out" horizontal ;;
    rot90) vips rot "$in" "$out" d90 ;;
    rot270) vips rot "$in" "$out" d270 ;;
    bright) vips linear "$in" "$out" 1.25 20 --uchar ;;  # brighter, highlights clip
    blur) vips gaussblur "$in" "$out" 2 ;;
    stretch) vips resize "$in" "$out" 1.3 --vscale 1.0 ;;
    rotate5) vips similarity "$in" "$out" --angle 5 ;;
    # Off-centre crops that drop 20 % / 25 % of each side's length: the rest of the frame is gone, not just a margin.
    crop_off20) vips extract_area "$in" "$out" 0 $((h / 5)) $((w * 4 / 5)) $((h * 4 / 5)) ;;
    crop_off25) vips extract_area "$in" "$out" $((w / 4)) 0 $((w * 3 / 4)) $((h * 3 / 4)) ;;
    # Small rotations: 8 degrees with the black corners a plain rotate leaves; 3 degrees "straightened" (rotated,
    # then cropped to the inside so no corner shows), as photo editors do.
    rot8) vips similarity "$in" "$out" --angle 8 ;;
    rot3_straighten)
      local tmp; tmp="$(mktemp -d)"
      vips similarity "$in" "$tmp/r.v" --angle -3
      local rw rh; rw=$(vipsheader -f width "$tmp/r.v"); rh=$(vipsheader -f height "$tmp/r.v")
      vips extract_area "$tmp/r.v" "$out" $((rw * 9 / 100)) $((rh * 9 / 100)) $((rw - 2 * (rw * 9 / 100))) $((rh - 2 * (rh * 9 / 100)))
      local status=$?; rm -rf "$tmp"; return $status ;;
    # Colour grading: warm (red up, blue down) and a sepia matrix.
    grade_warm) vips linear "$in" "$out" "1.1 1.0 0.82" "12 4 -6" --uchar ;;
    sepia)
      local tmp; tmp="$(mktemp -d)"
      printf '3 3\n0.393 0.769 0.189\n0.349 0.686 0.168\n0.272 0.534 0.131\n' > "$tmp/m.mat"
      vips recomb "$in" "$tmp/s.v" "$tmp/m.mat" && vips cast "$tmp/s.v" "$out" uchar
      local status=$?; rm -rf "$tmp"; return $status ;;
    # Re-saved several times: JPEG q75, 90 % size, WebP q60, JPEG q65 (what sharing through apps does).
    recompress)
      local tmp; tmp="$(mktemp -d)"
      vips jpegsave "$in" "$tmp/a.jpg" --Q 75 && vips resize "$tmp/a.jpg" "$tmp/b.v" 0.9 &&
        vips webpsave "$tmp/b.v" "$tmp/c.webp" --Q 60 && vips jpegsave "$tmp/c.webp" "$tmp/d.jpg" --Q 65 && vips copy "$tmp/d.jpg" "$out"
      local status=$?; rm -rf "$tmp"; return $status ;;
    # A screenshot of the picture in a viewer: shrunk to 80 %, on a light window with a dark title bar and a side panel.
    screenshot)
      local tmp; tmp="$(mktemp -d)"
      local sw=$((w * 4 / 5)) sh=$((h * 4 / 5)) ww=$((w * 4 / 5 + w / 4)) wh=$((h * 4 / 5 + h / 6 + 24))
      vips resize "$in" "$tmp/s.v" 0.8 &&
        vips embed "$tmp/s.v" "$tmp/e.v" $((w / 5)) $((h / 12 + 24)) "$ww" "$wh" --extend background --background "236 236 236" &&
        vips black "$tmp/bar.v" "$ww" 24 --bands 3 && vips linear "$tmp/bar.v" "$tmp/barc.v" 1 48 --uchar &&
        vips black "$tmp/side.v" $((w / 6)) $((wh - 24)) --bands 3 && vips linear "$tmp/side.v" "$tmp/sidec.v" 1 200 --uchar &&
        vips insert "$tmp/e.v" "$tmp/barc.v" "$tmp/i.v" 0 0 && vips insert "$tmp/i.v" "$tmp/sidec.v" "$out" 0 24
      local status=$?; rm -rf "$tmp"; return $status ;;
    # A caption across the upper middle (opaque yellow, half the width) and a red "ACME" logo badge top-left.
    text | logo)
      local tmp; tmp="$(mktemp -d)"
      if [ "$edit" = text ]; then
        vips text "$tmp/t.v" "Summer 2024!" --width $((w / 2)) --height $((h / 6)) && vips linear "$tmp/t.v" "$tmp/r.v" 0 255 --uchar &&
          vips linear "$tmp/t.v" "$tmp/g.v" 0 220 --uchar && vips linear "$tmp/t.v" "$tmp/b.v" 0 0 --uchar &&
          vips bandjoin "$tmp/r.v $tmp/g.v $tmp/b.v $tmp/t.v" "$tmp/j.v" && vips copy "$tmp/j.v" "$tmp/mark.v" --interpretation srgb &&
          vips composite2 "$in" "$tmp/mark.v" "$tmp/c.v" over --x $((w / 4)) --y $((h / 4)) && vips flatten "$tmp/c.v" "$out"
      else
        local lw=$((w / 5 > 24 ? w / 5 : 24)) lh=$((w / 10 > 12 ? w / 10 : 12))
        vips black "$tmp/k.v" "$lw" "$lh" --bands 3 && vips linear "$tmp/k.v" "$tmp/red.v" 1 "200 30 30" --uchar &&
          vips text "$tmp/t.v" "ACME" --width $((lw * 8 / 10)) --height $((lh * 7 / 10)) &&
          vips linear "$tmp/t.v" "$tmp/w.v" 0 255 --uchar && vips bandjoin "$tmp/w.v $tmp/w.v $tmp/w.v $tmp/t.v" "$tmp/j.v" &&
          vips copy "$tmp/j.v" "$tmp/mark.v" --interpretation srgb &&
          vips composite2 "$tmp/red.v" "$tmp/mark.v" "$tmp/badge.v" over --x $((lw / 10)) --y $((lh / 6)) && vips flatten "$tmp/badge.v" "$tmp/bf.v" &&
          vips insert "$in" "$tmp/bf.v" "$out" $((w / 30)) $((h / 30))
      fi
      local status=$?; rm -rf "$tmp"; return $status ;;
    grey | watermark)
      local tmp; tmp="$(mktemp -d)"
      if [ "$edit" = grey ]; then
        vips colourspace "$in" "$tmp/g.v" b-w && vips colourspace "$tmp/g.v" "$out" srgb
      else
        # "(c) sample" in white at 60 % opacity, a quarter of the width, in the bottom-right corner.
        vips text "$tmp/t.v" "© sample" --width $((w / 4)) --height $((w / 16)) &&
          vips linear "$tmp/t.v" "$tmp/a.v" 0.6 0 --uchar && vips linear "$tmp/t.v" "$tmp/w.v" 0 255 --uchar &&
          vips bandjoin "$tmp/w.v $tmp/w.v $tmp/w.v $tmp/a.v" "$tmp/j.v" && vips copy "$tmp/j.v" "$tmp/mark.v" --interpretation srgb &&
          vips composite2 "$in" "$tmp/mark.v" "$tmp/c.v" over \
            --x $((w - $(vipsheader -f width "$tmp/mark.v") - w / 40)) --y $((h - $(vipsheader -f height "$tmp/mark.v") - h / 40)) &&
          vips flatten "$tmp/c.v" "$out"
      fi
      local status=$?; rm -rf "$tmp"; return $status ;;
    *) echo "image_edit: unknown edit '$edit'" >&2; return 2 ;;
  esac
}
