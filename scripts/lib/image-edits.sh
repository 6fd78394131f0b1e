# Pixel edits shared by the image sets that the benchmarks and the dedup evaluation build, so that
# "bright" or "border_white" means the same thing in every measurement. Source this file; needs the
# libvips command-line tools (scripts/bootstrap.sh --bench installs them).
#
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
