# mk/model.mk: the entity tagger's shipped data, rebuilt from public data.
#
#   make model      build tools/train-ner and rebuild data/clusters.txt and
#                   data/ner.model from $(NER_DATA) (../shared/data): word
#                   clusters from the unlabelled news text, then the tagger
#                   from CoNLL-2003 eng.train.  The same inputs give the same
#                   bytes (check: make model; cp data/ner.model /tmp; make
#                   model; cmp data/ner.model /tmp/ner.model).
#   make lexicons   regenerate the gazetteers that come from Debian's
#                   iso-codes (countries, regions, languages); the other
#                   lists in data/ are written by hand.
#   make bench-ner  entity F1 on eng.testa and tagging speed

NER_DATA  ?= ../shared/data
NER_TRAIN ?= $(NER_DATA)/ner/conll2003/eng.train
NER_TEXT  ?= $(NER_DATA)/polnear/train/text $(NER_DATA)/polnear/dev/text \
             $(NER_DATA)/ecbplus/texts $(NER_DATA)/timeml/TBAQ-cleaned/TimeBank \
             $(NER_DATA)/timeml/TBAQ-cleaned/AQUAINT \
             $(NER_DATA)/meantime/intra_cross-doc_annotation
NER_FLAGS ?=
ISO_CODES ?= /usr/share/iso-codes/json
TRAIN_NER := $(BUILD)/tools/train-ner

.PHONY: model lexicons bench-ner

$(TRAIN_NER): tools/train-ner.c src/extract/ner.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC) $(LDFLAGS) $(LDLIBS)

model: $(TRAIN_NER)
	@test -f $(NER_TRAIN) || { echo "model: $(NER_TRAIN) not found (set NER_DATA)"; exit 1; }
	$(TRAIN_NER) --train $(NER_TRAIN) $(addprefix --text ,$(NER_TEXT)) \
	  --clusters data/clusters.txt --lexicons data -o data/ner.model -v $(NER_FLAGS)

lexicons:
	python3 tools/gen-lexicons.py $(ISO_CODES) data

bench-ner: $(BIN)
	sh bench/ner.sh $(BIN)
