#!/usr/bin/python3
"""Trains a tiny SentencePiece model (Google's sentencepiece, Debian python3-sentencepiece) on a fixed English
corpus, so the SigLIP tokenizer path is tested against the reference implementation without downloading SigLIP's
spiece.model. With --encode TEXT... it prints the reference ids of each text as a JSON list of lists instead.

Usage: make_test_spm.py OUT.model [--type unigram|bpe] [--vocab N]
       make_test_spm.py MODEL.model --encode TEXT...
"""
import argparse
import json
import os
import tempfile

import sentencepiece as spm

CORPUS = """a photo of a cat sitting on a red sofa
two dogs playing in the snow near the old wooden house
a bowl of fresh fruit with apples oranges and bananas
the quick brown fox jumps over the lazy dog
an aerial photo of a city at night with bright lights
children riding bicycles along the river in the summer
a close up photo of a yellow flower in the garden
mountains covered with snow under a clear blue sky
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--type", default="unigram", choices=["unigram", "bpe"])
    parser.add_argument("--vocab", type=int, default=120)
    parser.add_argument("--encode", nargs="+")
    args = parser.parse_args()
    if args.encode:
        processor = spm.SentencePieceProcessor(model_file=args.model)
        print(json.dumps([processor.encode(text) for text in args.encode]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.txt")
        with open(corpus, "w", encoding="utf-8") as f:
            f.write(CORPUS * 20)
        prefix = os.path.join(tmp, "m")
        # SigLIP's ids: pad 0, eos 1, unk 2, no bos.
        spm.SentencePieceTrainer.train(input=corpus, model_prefix=prefix, model_type=args.type, vocab_size=args.vocab,
                                       hard_vocab_limit=False, pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
                                       num_threads=1, minloglevel=2)
        os.makedirs(os.path.dirname(os.path.abspath(args.model)), exist_ok=True)
        os.replace(prefix + ".model", args.model)


if __name__ == "__main__":
    main()
