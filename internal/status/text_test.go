package status

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tsvExpect derives the expected main status of a status_texts.tsv row
// from its `meaning` column: the leading token names the order status or
// the kind of text (labels, buttons, tabs and dates say nothing).
func tsvExpect(meaning string) (Status, bool) {
	head := meaning
	if i := strings.IndexAny(head, " ("); i >= 0 {
		head = head[:i]
	}
	switch head {
	case "SHIPPED", "PARTIALLY_SHIPPED":
		return InTransit, true
	case "COMPLETED", "COMPLETED-ish", "DELIVERED":
		return Delivered, true
	case "UNPAID", "AWAITING_SHIPMENT", "PENDING", "PAYMENT_PENDING", "CANCEL_REQUESTED", "PRE_SHIPMENT":
		return Pending, true
	case "CLOSED", "CANCELLED", "EXPIRED": // EXPIRED: the payment window ran out
		return Cancelled, true
	case "FROZEN", "REFUND_IN_PROGRESS", "DISPUTE":
		return Exception, true
	case "EMPTY": // "Logistics information has not been updated yet."
		return NotFound, true
	case "LABEL", "BUTTON", "LOAD-MORE", "DETAIL", "TRACK", "REFUND/REQUEST", "REFUNDED", "REQUEST_DONE",
		"TRACKING/DETAIL", "aliexpress.ru":
		return Unknown, true
	case "TAB":
		switch {
		case strings.HasPrefix(meaning, "TAB shipped"), strings.HasPrefix(meaning, "TAB (2024-25"):
			return InTransit, true
		case strings.HasPrefix(meaning, "TAB processing"):
			return Pending, true
		}
		return Unknown, true
	case "TRACKING":
		return tsvTracking(meaning)
	}
	return "", false
}

// tsvTracking reads "TRACKING node title: X (...)" / "node description: X".
func tsvTracking(meaning string) (Status, bool) {
	for _, p := range []string{"node title: ", "node description: "} {
		if i := strings.Index(meaning, p); i >= 0 {
			node := meaning[i+len(p):]
			if j := strings.IndexByte(node, ' '); j >= 0 {
				node = node[:j]
			}
			switch node {
			case "PRE_SHIPMENT":
				return Pending, true
			case "OUT_FOR_DELIVERY":
				return OutForDelivery, true
			case "DELIVERED":
				return Delivered, true
			}
			return InTransit, true // pick-up, sorting, customs, line-haul, last-mile nodes
		}
	}
	switch {
	case strings.Contains(meaning, "header (etaTitleRichText"): // "Delivered：Jul. 28"
		return Delivered, true
	case strings.Contains(meaning, "header"), strings.Contains(meaning, "buyer-protection"):
		return Unknown, true
	case strings.Contains(meaning, "desc (older wording)"): // order created / being prepared
		return Pending, true
	case strings.Contains(meaning, "AE_GOT"), strings.Contains(meaning, "AE_LH_DEPART"),
		strings.Contains(meaning, "node title (older wording)"):
		return InTransit, true
	}
	return "", false
}

// Every row of status_texts.tsv gets the status its meaning column says.
// The aliexpress.ru rows are substring patterns of order-list tags
// ("*READY* / *PICKUP*"): each alternative is classified as a tag code.
func TestStatusTextsTSV(t *testing.T) {
	data := string(readTestdata(t, "aliexpress/status_texts.tsv"))
	lines := strings.Split(strings.TrimRight(data, "\n"), "\n")
	require.Equal(t, "language\ttext\tmeaning\tsource", lines[0])
	rows := 0
	for _, line := range lines[1:] {
		cols := strings.Split(line, "\t")
		require.Len(t, cols, 4, line)
		lang, text, meaning := cols[0], cols[1], cols[2]
		rows++
		if strings.Contains(text, "*") {
			wantStatus := AvailableForPickup
			switch {
			case strings.Contains(meaning, "in transit"):
				wantStatus = InTransit
			case strings.Contains(meaning, "cancelled"):
				wantStatus = Cancelled
			case strings.Contains(meaning, "payment"):
				wantStatus = Pending
			}
			for _, alt := range strings.Split(text, "/") {
				code := strings.Trim(strings.TrimSpace(alt), "*")
				assert.Equal(t, wantStatus, Classify("aliexpress", code, "", "ru").Status, "tag %q (%s)", code, meaning)
			}
			continue
		}
		wantStatus, ok := tsvExpect(meaning)
		require.True(t, ok, "no expectation for meaning %q", meaning)
		got := Classify("aliexpress", "", text, lang)
		checkClass(t, got, text)
		assert.Equal(t, wantStatus, got.Status, "%s %q (%s)", lang, text, meaning)
		// The language hint never changes these answers.
		assert.Equal(t, got, Classify("text", "", text, ""), text)
	}
	assert.Equal(t, 156, rows)
}

// Real carrier and AliExpress phrases, per language.
func TestLanguages(t *testing.T) {
	tests := []struct {
		lang, text string
		want       want
	}{
		{"en", "Shipment information received", "info_received/info_received_label_created"},
		{"en", "Shipper created a label, UPS has not received the package yet.", "info_received"},
		{"en", "Origin Scan", "in_transit/in_transit_picked_up"},
		{"en", "[Lost Creek] Departed from sorting center", "in_transit/in_transit_origin_facility"},
		{"en", "[Delivered]", "delivered"},
		{"en", "Arrived at Facility", "in_transit/in_transit_other"},
		{"en", "Attempted delivery - no one home", "delivery_failed/delivery_failed_no_one_home"},
		{"en", "Notice Left (No Authorized Recipient Available)", "delivery_failed/delivery_failed_no_one_home"},
		{"en", "The shipment is available for pick-up from the retail outlet", "available_for_pickup"},
		{"en", "Delivered to parcel locker", "available_for_pickup/available_for_pickup_locker"},
		{"en", "Parcel collected by the recipient from the pickup point", "delivered/delivered_pickup_point"},
		{"en", "Returned to sender", "returned/returned_other"},
		{"en", "Item is being returned to sender", "returning/returning_other"},
		{"en", "Your item was delivered in or at the mailbox", "delivered/delivered_safe_place"},
		{"en", "Delivered to airline", "in_transit/in_transit_handed_to_airline"},
		{"en", "Held by customs", "exception/exception_customs"},
		{"en", "Import duties payment required", "exception/exception_payment_required"},
		{"en", "Out For Delivery Today", "out_for_delivery"},
		{"en", "DELIVERED", "delivered/delivered_other/delivered"},
		{"en", "The item is pre-advised", "info_received"},
		{"en", "The item has been processed", "in_transit"},
		{"en", "Arrival at Destination Post", "in_transit/in_transit_arrived_destination/destination"},
		{"en", "Departure from outward office of exchange", "in_transit/in_transit_departed_origin/international"},
		{"en", "Held by import customs", "exception/exception_customs"},
		{"en", "Delivered, Front Door/Porch", "delivered/delivered_safe_place"},
		{"en", "On FedEx vehicle for delivery", "out_for_delivery"},
		{"en", "International shipment release - Import", "in_transit/in_transit_customs_cleared/destination"},
		{"en", "Shipment is on hold", "exception/exception_other"},
		{"en", "We tried to deliver your item", "delivery_failed"},
		{"en", "Your parcel will be delivered on Monday", "unknown"},
		{"en", "Parcel is handed over to the courier for delivery", "out_for_delivery"},
		{"en", "Item has left China", "in_transit/in_transit_departed_origin/international"},
		{"ru", "Вручение адресату", "delivered"},
		{"ru", "Прибыло в место вручения", "available_for_pickup/available_for_pickup_post_office"},
		{"ru", "Неудачная попытка вручения", "delivery_failed"},
		{"ru", "Выпущено таможней", "in_transit/in_transit_customs_cleared/destination"},
		{"ru", "Покинуло сортировочный центр", "in_transit"},
		{"ru", "Импорт международной почты", "in_transit/in_transit_arrived_destination/destination"},
		{"ru", "Возврат отправителю", "returning"},
		{"ru", "Передано почтальону", "out_for_delivery"},
		{"pt", "Objeto entregue ao destinatário", "delivered"},
		{"pt", "Objeto saiu para entrega ao destinatário", "out_for_delivery"},
		{"pt", "Objeto não entregue - carteiro não atendido", "delivery_failed/delivery_failed_no_one_home"},
		{"pt", "Objeto aguardando retirada no endereço indicado", "available_for_pickup"},
		{"pt", "Aguardando pagamento do despacho postal", "exception/exception_payment_required"},
		{"pt", "Fiscalização aduaneira finalizada", "in_transit/in_transit_customs_cleared"},
		{"pt", "Objeto em trânsito - por favor aguarde", "in_transit"},
		{"pt", "Objeto devolvido ao remetente", "returned"},
		{"es", "Entregado", "delivered"},
		{"es", "En reparto", "out_for_delivery"},
		{"es", "Intento de entrega fallido", "delivery_failed"},
		{"es", "Retenido en aduana", "exception/exception_customs"},
		{"es", "En tránsito", "in_transit"},
		{"fr", "Votre colis est livré", "delivered"},
		{"fr", "Votre colis est en cours de livraison", "out_for_delivery"},
		{"fr", "Votre colis est disponible dans votre point relais", "available_for_pickup"},
		{"fr", "Colis non livré : destinataire absent", "delivery_failed/delivery_failed_no_one_home"},
		{"fr", "Dédouanement en cours", "in_transit/in_transit_customs"},
		{"de", "Die Sendung wurde zugestellt", "delivered"},
		{"de", "Die Sendung wurde vom Absender in die Packstation eingeliefert", "in_transit/in_transit_picked_up"},
		{"de", "Die Sendung wird heute zugestellt", "out_for_delivery"},
		{"de", "Die Sendung wurde elektronisch angekündigt", "info_received"},
		{"de", "Empfänger nicht angetroffen", "delivery_failed/delivery_failed_no_one_home"},
		{"de", "Die Sendung liegt in der Packstation zur Abholung bereit", "available_for_pickup/available_for_pickup_locker"},
		{"de", "Sendung beim Nachbarn zugestellt", "delivered/delivered_neighbor"},
		{"it", "Consegnato", "delivered"},
		{"it", "Spedizione consegnata al corriere", "in_transit"},
		{"fr", "Colis à distribuer", "unknown"},
		{"it", "In consegna", "out_for_delivery"},
		{"it", "Spedizione in giacenza", "available_for_pickup"},
		{"it", "Sdoganamento in corso", "in_transit/in_transit_customs"},
		{"pl", "Przesyłka doręczona", "delivered"},
		{"pl", "Wydano do doręczenia", "out_for_delivery"},
		{"pl", "Przesyłka gotowa do odbioru w Paczkomacie", "available_for_pickup/available_for_pickup_locker"},
		{"pl", "Nieudana próba doręczenia", "delivery_failed"},
		{"nl", "Pakket is bezorgd", "delivered"},
		{"nl", "Pakket wordt vandaag bezorgd", "out_for_delivery"},
		{"nl", "Pakket wordt morgen bezorgd", "unknown"},
		{"nl", "Pakket niet bezorgd", "delivery_failed"},
		{"nl", "Zending is aangemeld", "info_received"},
		{"nl", "Pakket ligt klaar op het afhaalpunt", "available_for_pickup"},
		{"tr", "Teslim edildi", "delivered"},
		{"tr", "Dağıtıma çıkarıldı", "out_for_delivery"},
		{"tr", "Teslim edilemedi", "delivery_failed"},
		{"tr", "Gümrük işlemleri tamamlandı", "in_transit/in_transit_customs_cleared"},
		{"ko", "배송완료", "delivered"},
		{"ko", "배송준비중", "pending/pending_awaiting_shipment"},
		{"ko", "배송출발", "out_for_delivery"},
		{"ko", "통관 진행중", "in_transit/in_transit_customs"},
		{"ko", "수취인 부재로 배달 실패", "delivery_failed/delivery_failed_no_one_home"},
		{"ja", "配達完了", "delivered"},
		{"ja", "配達中", "out_for_delivery"},
		{"ja", "ご不在のため持ち戻り", "delivery_failed/delivery_failed_no_one_home"},
		{"ja", "通関手続中", "in_transit/in_transit_customs"},
		{"th", "นำจ่ายสำเร็จ", "delivered"},
		{"th", "อยู่ระหว่างการนำจ่าย", "out_for_delivery"},
		{"th", "นำจ่ายไม่สำเร็จ", "delivery_failed"},
		{"vi", "Giao hàng thành công", "delivered"},
		{"vi", "Đang giao hàng", "out_for_delivery"},
		{"vi", "Giao hàng không thành công", "delivery_failed"},
		{"vi", "Đã giao cho đơn vị vận chuyển", "in_transit/in_transit_handed_to_last_mile"},
		{"id", "Paket diterima oleh BUDI", "delivered"},
		{"id", "Paket sedang diantar ke alamat penerima", "out_for_delivery"},
		{"id", "Pengiriman gagal", "delivery_failed"},
		{"id", "Proses bea cukai", "in_transit/in_transit_customs"},
		{"ar", "تم التسليم", "delivered"},
		{"ar", "خرج للتسليم", "out_for_delivery"},
		{"ar", "لم يتم التسليم", "delivery_failed"},
		{"ar", "الشحنة في الجمارك", "in_transit/in_transit_customs"},
		{"he", "הדבר נמסר לנמען", "delivered"},
		{"he", "לא נמסר", "delivery_failed"},
		{"he", "הדבר ממתין לאיסוף בסניף", "available_for_pickup"},
		{"uk", "Вручено одержувачу", "delivered"},
		{"uk", "Надійшло до відділення", "available_for_pickup"},
		{"uk", "Невдала спроба вручення", "delivery_failed"},
		{"uk", "Відправлення прибуло до відділення", "available_for_pickup"},
		{"zh", "已签收", "delivered"},
		{"zh", "【退回镇】快件已揽收", "in_transit/in_transit_picked_up"},
		{"zh", "快件已到达【深圳转运中心】", "in_transit/in_transit_other"},
		{"zh", "订单已发货", "in_transit/in_transit_shipped"},
		{"zh", "派送中", "out_for_delivery"},
		{"zh", "投递失败，收件人不在", "delivery_failed/delivery_failed_no_one_home"},
		{"zh", "到达海关监管仓等待清关", "in_transit/in_transit_customs"},
		{"zh", "包裹已出库", "in_transit/in_transit_origin_facility"},
		{"zh", "已到达驿站，请及时取件", "available_for_pickup/available_for_pickup_point"},
		{"zh", "已退回", "returned"},
		{"zh", "航班起飞", "in_transit/in_transit_departed_origin"},
	}
	langs := map[string]int{}
	for _, tt := range tests {
		langs[tt.lang]++
		t.Run(tt.lang, func(t *testing.T) {
			tt.want.check(t, Classify("text", "", tt.text, tt.lang), tt.lang+" "+tt.text)
		})
	}
	// English, Russian, Portuguese, Spanish, French, German, Italian,
	// Polish, Dutch, Turkish, Korean, Japanese, Thai, Vietnamese,
	// Indonesian, Arabic, Hebrew, Ukrainian, Chinese.
	for _, l := range []string{"en", "ru", "pt", "es", "fr", "de", "it", "pl", "nl", "tr", "ko", "ja", "th", "vi", "id", "ar", "he", "uk", "zh"} {
		assert.GreaterOrEqual(t, langs[l], 3, "language %s needs real phrases", l)
	}
}

// Unrelated text, labels and promises are unknown, never a guess.
func TestNegatives(t *testing.T) {
	for _, text := range []string{
		"", " ", "...", "ok", "a", "12345", "Lorem ipsum dolor sit amet", "Hello world",
		"Add to cart", "Track order", "Tracking number: RS0814398526Y", "Order ID: 8123456789012345",
		"Estimated delivery: Dec 27 - 28", "Refund if no delivery before Sep 3, 2026",
		"Apply for R$5.00 coupon code if delayed by Aug 3, 2026", "Fast delivery: active",
		"Free returns", "Contact J&T Express", "What does 'Delivery time' mean?", "Ref. Number",
		"Your order total is $12.50", "Thank you for shopping", "Delivery", "Order",
		"你好世界", "こんにちは", "안녕하세요", "Привет, мир", "שלום עולם", "مرحبا بالعالم", "สวัสดีครับ",
		"Xin chào thế giới", "Selamat pagi", "Merhaba dünya", "Bonjour tout le monde", "Guten Tag",
		"RS0814398526Y", "LP00000000000000", "\x00\xff\xfe", strings.Repeat("z", 600),
	} {
		c := Classify("text", "", text, "")
		assert.Equal(t, Class{Status: Unknown}, c, "%q", text)
	}
	// A code of one source means nothing to another.
	assert.Equal(t, Unknown, Classify("17track", "GTMS_SIGNED", "", "").Status)
	assert.Equal(t, Unknown, Classify("text", "GTMS_SIGNED", "", "").Status)
	assert.Equal(t, Unknown, Classify("ups", "D", "", "").Status)
	// An unknown source still reads text.
	assert.Equal(t, Delivered, Classify("ups", "D", "Delivered", "").Status)
}

// A language hint keeps a phrase of one language from firing on another's
// text only where a rule says so; otherwise hints never change answers.
func TestLangHintIsNeutral(t *testing.T) {
	for _, text := range []string{"Delivered", "Доставлено", "已签收", "Entregue", "In transit"} {
		c := Classify("text", "", text, "")
		for _, lang := range []string{"en", "ru", "zh-CN", "pt-BR", "xx"} {
			assert.Equal(t, c, Classify("text", "", text, lang), "%s %s", lang, text)
		}
	}
	// "livré" without its accent is "livre": French only when a hint says
	// the page is not French.
	assert.Equal(t, Delivered, Classify("text", "", "Colis livré", "fr-FR").Status)
	assert.Equal(t, Delivered, Classify("text", "", "Livré", "").Status)
	assert.Equal(t, Unknown, Classify("text", "", "Frete livre", "pt-BR").Status)
	assert.True(t, langIs("pt-BR", "pt"))
	assert.True(t, langIs("PT_br", "pt"))
	assert.False(t, langIs("ptx", "pt"))
	assert.False(t, langIs("p", "pt"))
}

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"  Delivered：Jul. 28  ":       "delivered jul 28",
		"Concluído ":                  "concluido",
		"Straße ÆØÅ Œuvre ĲSSEL":      "strasse aeoa oeuvre ijssel",
		"Gümrük işlemleri TAMAMLANDI": "gumruk islemleri tamamlandi",
		"Łódź — Doręczono!":           "lodz doreczono",
		"Đã giao hàng thành công":     "da giao hang thanh cong",
		"ВРУЧЕНИЕ Адресату, Ёлки":     "вручение адресату елки",
		"ＡＢＣ１２３":                      "abc123",
		"[Shatian Town] Departed":     "shatian town departed",
		"order's\u00a0been\tcreated":  "order s been created",
		"أُعيدَ إلى المرسل":           "اعيد الي المرسل",
		"הוּחְזַר לַשּׁוֹלֵחַ":        "הוחזר לשולח",
		"已签收，感谢使用":                    "已签收 感谢使用",
		"e\u0301te\u0301":             "ete",
		"\xff bad \xfe":               "bad",
		"":                            "",
	}
	for in, want := range tests {
		assert.Equal(t, want, string(normalize(nil, in)), "%q", in)
	}
	for _, tc := range []struct{ in, want string }{
		{"gtms signed", "GTMS_SIGNED"}, {" gtms-sta-signed ", "GTMS_STA_SIGNED"},
		{"Delivered_Other", "DELIVERED_OTHER"}, {"time for payment", "TIME_FOR_PAYMENT"},
	} {
		var buf [64]byte
		got, ok := normalizeCode(buf[:0], tc.in)
		assert.True(t, ok)
		assert.Equal(t, tc.want, string(got))
	}
	var buf [64]byte
	_, ok := normalizeCode(buf[:0], "ÄÖ")
	assert.False(t, ok)
	_, ok = normalizeCode(buf[:0], strings.Repeat("A", 65))
	assert.False(t, ok)
}

// The phrase index finds exactly what a naive scan finds.
func TestIndexAgreesWithNaiveScan(t *testing.T) {
	texts := []string{
		"Out for delivery", "Delivery attempted, not delivered", "Returned to sender delivered",
		"Awaiting collection at the pickup point", "已到达驿站 请及时取件", "배송완료되었습니다",
		"Die Sendung wurde zugestellt", "Objeto entregue ao destinatário", "Package delivered to neighbour",
		"Export customs clearance complete", "Processing", "processing at sorting center",
	}
	for _, text := range texts {
		norm := normalize(nil, text)
		got, _ := classifyText(norm, "")
		assert.Equal(t, naiveClassify(string(norm)), got, text)
	}
}

func naiveClassify(t string) Class {
	for _, r := range rules {
		for _, p := range strings.Split(r.phrases, "|") {
			exact := strings.HasPrefix(p, "=")
			p = strings.TrimPrefix(p, "=")
			end := strings.HasSuffix(p, "$")
			p = strings.TrimSuffix(p, "$")
			np := string(normalize(nil, p))
			for i := 0; i+len(np) <= len(t); i++ {
				if t[i:i+len(np)] != np {
					continue
				}
				if exact && (i != 0 || len(np) != len(t)) {
					continue
				}
				first := []rune(np)[0]
				if spaced(first) && i > 0 && t[i-1] != ' ' {
					continue
				}
				if end && i+len(np) != len(t) && t[i+len(np)] != ' ' {
					continue
				}
				return r.c
			}
		}
	}
	return Class{}
}

// Every phrase normalises to something and no phrase is shadowed by an
// exact duplicate in an earlier rule with a different class.
func TestPhraseTable(t *testing.T) {
	seen := map[string]Class{}
	for _, r := range rules {
		checkClass(t, r.c, "rule")
		for _, p := range strings.Split(r.phrases, "|") {
			np := string(normalize(nil, strings.TrimSuffix(strings.TrimPrefix(p, "="), "$")))
			require.NotEmpty(t, np, p)
			key := p[:min(1, len(p))] + np
			if prev, ok := seen[key]; ok {
				assert.Equal(t, prev, r.c, "phrase %q appears in two rules", p)
			}
			seen[key] = r.c
			// A phrase must classify to its own rule's class or to an
			// earlier, more specific rule that also contains it.
			c, _ := classifyText([]byte(np), "")
			if c != r.c {
				assert.True(t, ruleIndex(c) < ruleIndexOf(r), "phrase %q of %v classifies as %v", p, r.c, c)
			}
		}
	}
	assert.Less(t, len(rules), 1<<16)
	assert.Less(t, len(getIndex().entries), 1<<16, "start offsets are uint16")
}

func ruleIndex(c Class) int {
	for i, r := range rules {
		if r.c == c {
			return i
		}
	}
	return len(rules)
}

func ruleIndexOf(r rule) int {
	for i := range rules {
		if rules[i].c == r.c && rules[i].phrases == r.phrases {
			return i
		}
	}
	return -1
}

func TestPhraseIndexShape(t *testing.T) {
	ix := buildIndex(rules)
	require.NotEmpty(t, ix.entries)
	for k := 1; k < len(ix.entries); k++ {
		a, b := ix.entries[k-1], ix.entries[k]
		assert.True(t, a.p < b.p || a.p == b.p && a.rule <= b.rule, "unsorted at %d: %q %q", k, a.p, b.p)
	}
	for b := 0; b < 256; b++ {
		for k := int(ix.start[b]); k < int(ix.start[b+1]); k++ {
			require.Equal(t, byte(b), ix.entries[k].p[0])
		}
	}
	assert.Equal(t, len(ix.entries), int(ix.start[256]))
	n := 0
	for _, r := range rules {
		n += len(strings.Split(r.phrases, "|"))
	}
	assert.Equal(t, n, len(ix.entries))
}
