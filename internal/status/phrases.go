package status

// rules is the one table of free-text phrases: carrier event descriptions
// and AliExpress page statuses in English, Russian, Portuguese, Spanish,
// French, German, Italian, Polish, Dutch, Turkish, Korean, Japanese, Thai,
// Vietnamese, Indonesian, Arabic, Hebrew, Ukrainian and Chinese. Order is
// priority (see rule). Phrases are written naturally, separated by "|" (one
// string per rule keeps the table small in core.wasm); normalize folds case,
// accents and punctuation on both sides. Keep each phrase specific enough
// that it cannot occur in a sentence meaning something else.
var rules = []rule{
	// ---- Blockers: dates, promises, labels, buttons. They mention
	// delivery or completion but say nothing about the parcel.
	{Class{Unknown, "", StageUnknown}, "",
		"estimated delivery|expected delivery|coupon|if delayed|delivery estimate|" +
			"estimated arrival|delivery time|delivery date|fast delivery|refund if|" +
			"if delivered after|no delivery before|if not delivered|guaranteed delivery|" +
			"delivery guarantee|free delivery|delivery fee|order placed on|order completed on|" +
			"shipment completed on|completed on$|shipped on$|delivered on time guarantee|" +
			"delivery by$|deliver by$|before delivery|previsao de entrega|prazo de entrega|" +
			"entrega estimada|fecha de entrega|entrega prevista|livraison estimee|date de livraison|" +
			"livraison prevue|voraussichtliche zustellung|zustellung voraussichtlich|" +
			"consegna prevista|consegna stimata|przewidywana dostawa|verwachte bezorging|" +
			"tahmini teslimat|ожидаемая дата|срок доставки|дата доставки|очікувана дата|预计送达|预计到达|预计|" +
			"配送時間|お届け予定|도착 예정|배송 예정|dự kiến giao|perkiraan tiba|estimasi tiba|موعد التسليم المتوقع|" +
			"תאריך משוער|จะได้รับภายใน|คาดว่าจะได้รับ",
	},

	// ---- Order axis: whole-text statuses of the AliExpress order pages
	// and the product brief's order statuses.
	{Class{Pending, SubPendingAwaitingPayment, StageOrdered}, "",
		"=to pay|=unpaid|=awaiting payment|awaiting buyer payment|=pending payment|=a ser pago|" +
			"=aguardando pagamento|=pendiente de pago|=esperando pago|=en attente de paiement|" +
			"=zahlung ausstehend|=in attesa di pagamento|=oczekuje na płatność|=wacht op betaling|" +
			"=ödeme bekleniyor|=ожидание оплаты|=ожидает оплаты|=очікує оплати|=결제 대기|=決済待ち|=支払い待ち|" +
			"=待付款|=รอชำระเงิน|=chờ thanh toán|=menunggu pembayaran|=بانتظار الدفع|=ממתין לתשלום|" +
			"=order amount",
	},
	{Class{Pending, SubPendingPaymentVerifying, StageOrdered}, "",
		"payment being verified|payment not yet confirmed|payment is being verified|" +
			"verifying payment|проверка платежа|pagamento em analise|pago en verificacion|" +
			"paiement en cours de verification",
	},
	{Class{Pending, SubPendingCancelRequested, StageOrdered}, "",
		"=awaiting cancellation|cancellation requested|cancellation request|" +
			"aguardando cancelamento|ожидает отмены",
	},
	{Class{Pending, SubPendingClarification, StageOrdered}, "", "awaiting clarification"},
	{Class{Exception, SubExceptionUnfulfillable, StageUnknown}, "", "order cannot be fulfilled|cannot be fulfilled|can not be fulfilled|unable to fulfil"},
	{Class{Pending, SubPendingAwaitingShipment, StageOrdered}, "",
		"=processing|=to ship|=ready to ship|=awaiting shipment|awaiting seller dispatch|" +
			"awaiting dispatch|store processing the order|seller processing|=order in progress|" +
			"package in preparation|being prepared|=processando|aguardando envio|=pendiente de envio|" +
			"=en attente d expedition|=versand ausstehend|=in attesa di spedizione|" +
			"=oczekuje na wysyłkę|=wacht op verzending|=kargoya verilmeyi bekliyor|собираем заказ|" +
			"ожидает отправки|배송준비중|배송 준비중|상품준비중|=발송 대기|=発送待ち|=待发货|卖家备货|=รอจัดส่ง|=chờ giao hàng|" +
			"=menunggu pengiriman|=بانتظار الشحن|=ממתין למשלוח|очікує відправлення",
	},
	{Class{Pending, SubPendingPurchased, StageOrdered}, "", "=purchased|=order purchased|item purchased"},
	{Class{Pending, SubPendingPacked, StageOrdered}, "", "=order packed|=packed"},
	{Class{Pending, SubPendingConsolidated, StageOrdered}, "", "=order consolidated|=consolidated"},
	{Class{Pending, SubPendingInvoiced, StageOrdered}, "", "=order invoiced|=invoiced"},
	{Class{Pending, SubPendingOther, StageOrdered}, "", "=awaiting confirmation"},
	{Class{Cancelled, SubCancelledPaymentExpired, StageUnknown}, "",
		"=expired|payment expired|=expirado|pagamento expirado|pago expirado|paiement expire|" +
			"время оплаты истекло",
	},
	{Class{Cancelled, SubCancelledAbandoned, StageUnknown}, "", "order abandoned|=abandoned"},
	{Class{Cancelled, SubCancelledClosed, StageUnknown}, "",
		"=closed|=order closed|=закрыт|=закрыто|=fechado|=cerrado|=ferme|=geschlossen|=chiuso|" +
			"=zamknięte|=gesloten|=kapandı|=已关闭|=交易关闭",
	},
	{Class{Cancelled, SubCancelledOther, StageUnknown}, "",
		"=cancelled|=canceled|order cancelled|order canceled|order has been cancelled|=cancelado|" +
			"=cancelada|compra cancelada|pedido cancelado|=annulee|=annule|commande annulee|" +
			"=storniert|bestellung storniert|=annullato|ordine annullato|=anulowane|" +
			"zamowienie anulowane|=geannuleerd|bestelling geannuleerd|=iptal edildi|siparis iptal|" +
			"=отменен|=отменён|заказ отменен|=скасовано|=취소|주문 취소|=キャンセル|=已取消|订单已取消|=ยกเลิกแล้ว|" +
			"=đã hủy|=dibatalkan|=ملغي|=בוטל",
	},
	{Class{Exception, SubExceptionDispute, StageUnknown}, "", "=in dispute|=dispute|dispute opened|em disputa|=спор открыт"},
	{Class{Exception, SubExceptionFrozen, StageUnknown}, "", "frozen order|order frozen"},
	{Class{Exception, SubExceptionRefund, StageUnknown}, "", "=fund processing|=funds processing"},
	{Class{InTransit, SubInTransitPartiallyShipped, StageShipped}, "", "partial shipment|partially shipped|envio parcial"},
	{Class{InTransit, SubInTransitShipped, StageShipped}, "",
		"=shipped|=processed|=awaiting delivery|=order shipped|=enviado|=processado|" +
			"=aguardando a entrega|=esperando entrega|=enviado|=expedie|=versendet|=spedito|=wyslane|" +
			"=verzonden|=kargoya verildi|=gönderildi|=отправлен|=отправлено|=ожидает получения|" +
			"=відправлено|=발송 완료|=배송중|=発送済み|=已发货|已发货|=卖家已发货|=จัดส่งแล้ว|=đã gửi hàng|=dikirim|=تم الشحن|" +
			"=נשלח",
	},
	{Class{Delivered, SubDeliveredOrder, StageDelivered}, "",
		"=completed|=order completed|=finished|=awaiting feedback|=order complete|=concluido|" +
			"=finalizado|=completado|=termine|=abgeschlossen|=completato|=zakonczone|=voltooid|" +
			"=tamamlandı|=завершено|=завершен|=с отделкой|=выполнен|=завершено|=виконано|=거래 완료|" +
			"=取引完了|=已完成|=交易成功|=สำเร็จแล้ว|=hoàn thành|=selesai|=مكتمل|=הושלם",
	},
	{Class{Delivered, SubDeliveredOther, StageDelivered}, "", "order arrived"},
	{Class{Returned, SubReturnedOther, StageUnknown}, "", "returned to buyer"},
	{Class{NotFound, SubNotFoundAwaitingScan, StageUnknown}, "",
		"has not been updated yet|no tracking updates yet|no tracking information|" +
			"no tracking info|tracking information not available|not yet available|" +
			"awaiting first scan|информация об отправлении отсутствует|нет информации|" +
			"sem informacoes|sin informacion|暂无物流信息|暂无轨迹|查询不到",
	},
	{Class{NotFound, SubNotFoundInvalidNumber, StageUnknown}, "", "invalid tracking number|tracking number is invalid|numero invalido|неверный трек"},

	// ---- Returns: on the way back before back at the sender.
	{Class{Returning, SubReturningOther, StageUnknown}, "",
		"being returned|returning to sender|return to sender|return in progress|return initiated|" +
			"returning to shipper|on its way back|return to origin|return shipment|" +
			"returned to the sorting|возврат отправителю|возвращается|возврат|повертається|" +
			"повернення|em devolucao|devolucao ao remetente|sera devolvido|en devolucion|en retour|" +
			"retour a l expediteur|rucksendung|wird zuruckgesendet|retoure|in restituzione|" +
			"in fase di reso|zwrot do nadawcy|zwrot przesylki|wordt geretourneerd|" +
			"retour naar afzender|retour afzender|iade ediliyor|iade sureci|반송중|반송 중|返送中|返品中|退回中|退件中|" +
			"正在退回|กำลังตีกลับ|กำลังส่งคืน|dang hoan|dang chuyen hoan|sedang dikembalikan|" +
			"proses retur|قيد الارجاع|جاري الارجاع|בדרך חזרה לשולח|מוחזר לשולח",
	},
	{Class{Returned, SubReturnedOther, StageUnknown}, "",
		"returned to sender|returned to shipper|returned to seller|returned to merchant|" +
			"returned to origin|return completed|return delivered|delivered to sender|" +
			"вручено отправителю|возвращено отправителю|вернулось отправителю|повернено відправнику|" +
			"вручено відправнику|devolvido ao remetente|objeto devolvido|devuelto al remitente|" +
			"devuelto$|retourne a l expediteur|renvoye a l expediteur|an absender zuruckgesendet|" +
			"zuruck an absender|an den absender zuruck|restituito al mittente|reso al mittente|" +
			"zwrocono do nadawcy|zwrocona do nadawcy|teruggestuurd naar afzender|retour ontvangen|" +
			"gondericiye iade edildi|iade edildi|반송 완료|반송완료|返送完了|差出人に返送|已退回|退回成功|退件成功|已退件|" +
			"ตีกลับถึงผู้ส่ง|ส่งคืนผู้ส่งแล้ว|da hoan tra|da chuyen hoan|hoan tra nguoi gui|" +
			"dikembalikan ke pengirim|telah dikembalikan|تم الارجاع|اعيد الى المرسل|تمت الاعاده|" +
			"הוחזר לשולח",
	},

	// ---- Failed attempts and negated delivery, before "delivered".
	{Class{DeliveryFailed, SubFailedNoOneHome, StageDestination}, "",
		"no one home|nobody home|no one available|recipient not available|" +
			"addressee not available|recipient absent|addressee absent|recipient not at home|" +
			"no authorized recipient|customer not available|carteiro nao atendido|" +
			"destinatario ausente|ausente$|destinataire absent|empfanger nicht angetroffen|" +
			"nicht angetroffen|destinatario assente|adresat nieobecny|niet thuis|" +
			"alici adreste bulunamadi|adreste bulunamadi|адресат отсутствует|отсутствие адресата|" +
			"адресат відсутній|수취인 부재|부재중|부재로|ご不在|不在のため|收件人不在|无人签收|家中无人|ผู้รับไม่อยู่|" +
			"nguoi nhan vang mat|khong lien lac duoc|penerima tidak ada|penerima tidak di tempat|" +
			"المستلم غير متواجد|لا يوجد احد|הנמען לא נמצא|לא היה איש בבית",
	},
	{Class{DeliveryFailed, SubFailedAddress, StageDestination}, "",
		"incorrect address|wrong address|insufficient address|incomplete address|address unknown|" +
			"unknown address|bad address|address not found|invalid address|unable to locate address|" +
			"endereco incorreto|endereco insuficiente|endereco nao localizado|direccion incorrecta|" +
			"direccion incompleta|adresse incorrecte|adresse erronee|adresse incomplete|" +
			"adresse unbekannt|falsche adresse|unzureichende adresse|indirizzo errato|" +
			"indirizzo insufficiente|indirizzo sconosciuto|bledny adres|niepelny adres|onjuist adres|" +
			"adres onbekend|adres hatali|adres yetersiz|неверный адрес|неполный адрес|" +
			"неправильный адрес|неправильна адреса|주소 불명|주소불명|주소 오류|宛所不明|住所不明|地址错误|地址不详|地址有误|" +
			"ที่อยู่ไม่ถูกต้อง|ที่อยู่ไม่ชัดเจน|sai dia chi|alamat tidak ditemukan|alamat salah|" +
			"alamat tidak lengkap|العنوان غير صحيح|عنوان خاطئ|כתובת שגויה|כתובת לא נמצאה",
	},
	{Class{DeliveryFailed, SubFailedRefused, StageDestination}, "",
		"refused by recipient|recipient refused|delivery refused|refused delivery|" +
			"rejected by recipient|refused by addressee|refused$|recusado|recusou|" +
			"rechazado por el destinatario|rechazado$|refuse par le destinataire|annahme verweigert|" +
			"verweigert$|rifiutato dal destinatario|rifiutato$|odmowa przyjecia|odmowa odbioru|" +
			"geweigerd|alici kabul etmedi|teslim almayi reddetti|отказ адресата|отказ от получения|" +
			"відмова адресата|수취 거부|수취거부|受取拒否|受取拒絶|拒收|拒签|ปฏิเสธการรับ|tu choi nhan|ditolak penerima|" +
			"ditolak oleh penerima|رفض الاستلام|رفض المستلم|סירב לקבל|סירוב",
	},
	{Class{DeliveryFailed, SubFailedClosed, StageDestination}, "", "business closed|company closed|office closed|closed on arrival"},
	{Class{DeliveryFailed, SubFailedSecurity, StageDestination}, "", "security delay|security issue"},
	{Class{DeliveryFailed, SubFailedOther, StageDestination}, "",
		"tried to deliver|we tried to|failed delivery|delivery failed|delivery attempt|attempted delivery|" +
			"delivery was attempted|unsuccessful delivery|delivery unsuccessful|" +
			"delivery not successful|could not be delivered|not delivered|unable to deliver|" +
			"undeliverable|notice left|delivery exception|tentativa de entrega|entrega nao efetuada|" +
			"nao entregue|nao foi possivel entregar|intento de entrega|entrega fallida|no entregado|" +
			"no se pudo entregar|entrega no realizada|tentative de livraison|echec de livraison|" +
			"echec de la livraison|livraison echouee|non livre|n a pas pu etre livre|zustellversuch|" +
			"zustellung nicht moglich|nicht zugestellt|konnte nicht zugestellt|tentativo di consegna|" +
			"consegna non riuscita|mancata consegna|non consegnato|nieudana proba doreczenia|" +
			"proba doreczenia|nie doreczono|nie udalo sie doreczyc|bezorgpoging|niet bezorgd|" +
			"bezorging mislukt|kon niet worden bezorgd|teslim edilemedi|teslimat basarisiz|" +
			"teslimat denemesi|неудачная попытка|не доставлено|не вручено|невдала спроба|" +
			"не доставлено|не вручено|배달 실패|배송 실패|배달실패|배송실패|배달 불가|配達できません|持戻|持ち戻り|投递失败|派送失败|配送失败|" +
			"妥投失败|派件失败|未妥投|นำจ่ายไม่สำเร็จ|จัดส่งไม่สำเร็จ|ส่งไม่สำเร็จ|giao hang khong thanh cong|" +
			"giao khong thanh cong|giao hang that bai|phat khong thanh cong|gagal kirim|" +
			"pengiriman gagal|gagal diantar|gagal dikirim|فشل التسليم|محاولة تسليم|لم يتم التسليم|" +
			"تعذر التسليم|ניסיון מסירה|מסירה נכשלה|לא נמסר",
	},

	// ---- Exceptions.
	{Class{Exception, SubExceptionUnclaimed, StageDestination}, "",
		"not collected|not picked up|unclaimed|pickup period expired|storage period expired|" +
			"storage period has expired|nao retirado|prazo de retirada expirado|no retirado|" +
			"non retire|nicht abgeholt|non ritirato|nie odebrano|nieodebrana|niet opgehaald|" +
			"teslim alinmadi|срок хранения истек|истек срок хранения|не востребовано|" +
			"термін зберігання|미수령|保管期限切れ|保管期間経過|逾期未取|超时未取|ไม่มารับ|qua han luu kho|tidak diambil|" +
			"لم يتم الاستلام|לא נאסף",
	},
	{Class{Exception, SubExceptionPayment, StageDestination}, "",
		"duties|duty payment|import tax|customs duty|customs fee|customs charges|tax payment|" +
			"payment required|awaiting payment of|pay the duty|vat payment|aguardando pagamento do|" +
			"pagamento do despacho|impuestos de aduana|pago de aranceles|droits de douane|" +
			"taxes a payer|zollgebuhr|einfuhrabgabe|dazi doganali|oplata celna|invoerrechten|" +
			"gumruk vergisi|таможенная пошлина|оплата пошлины|требуется оплата|митний платіж|관세|関税|" +
			"关税|缴税|税金|ภาษีนำเข้า|thue nhap khau|bea masuk|الرسوم الجمركية|מכס לתשלום|תשלום מכס",
	},
	{Class{Exception, SubExceptionDocuments, StageUnknown}, "",
		"documents required|missing documents|documentation required|additional documents|" +
			"documentos necessarios|документы|书面资料|补充资料",
	},
	{Class{Exception, SubExceptionCustoms, StageUnknown}, "",
		"held by import customs|hold item at customs|clearance delay|held by customs|held in customs|customs hold|held at customs|detained by customs|" +
			"customs detained|seized by customs|customs exception|" +
			"customs clearance failed|customs clearance exception|retido na alfandega|" +
			"retenido en aduana|retenu en douane|retenu par la douane|vom zoll zuruckgehalten|" +
			"trattenuto in dogana|zatrzymana przez urzad celny|tegengehouden door de douane|" +
			"gumrukte bekletiliyor|задержано таможней|задержан таможней|затримано митницею|통관 보류|" +
			"税関保留|海关扣留|扣关|清关异常|清关失败|ถูกกักที่ศุลกากร|bi giu tai hai quan|ditahan bea cukai|" +
			"محتجز في الجمارك|עיכוב במכס|מעוכב במכס",
	},
	{Class{Exception, SubExceptionLost, StageUnknown}, "",
		"lost$|missing parcel|parcel missing|extraviado|perdu$|verloren|smarrito|zaginiona|" +
			"kayboldu|утеряно|утрачено|втрачено|분실|紛失|丢失|遗失|สูญหาย|that lac|hilang|مفقود|אבד",
	},
	{Class{Exception, SubExceptionDamaged, StageUnknown}, "",
		"damaged|damage$|avariado|danado|endommage|beschadigt|beschadigd|danneggiato|uszkodzona|" +
			"hasarli|повреждено|пошкоджено|파손|破損|破损|ชำรุด|hu hong|rusak|تالف|פגום",
	},
	{Class{Exception, SubExceptionDestroyed, StageUnknown}, "",
		"destroyed|disposed|destruido|detruit|vernichtet|distrutto|zniszczona|vernietigd|" +
			"imha edildi|уничтожено|знищено|폐기|廃棄|销毁|ทำลาย|tieu huy|dimusnahkan|اتلاف|הושמד",
	},
	{Class{Exception, SubExceptionCancelled, StageUnknown}, "",
		"shipment cancelled|shipment canceled|cancelled by sender|canceled by sender|" +
			"label cancelled|label voided|envio cancelado|envoi annule|sendung storniert|" +
			"spedizione annullata|przesylka anulowana|zending geannuleerd|gonderi iptal|" +
			"отправление отменено|运单取消|运单已取消",
	},
	{Class{Exception, SubExceptionAddress, StageDestination}, "",
		"address change|change address|update address|confirm address|address verification|" +
			"awaiting new address",
	},
	{Class{Exception, SubExceptionRecipient, StageUnknown}, "",
		"recipient unknown|addressee unknown|customer moved|moved away|destinatario desconhecido|" +
			"desconocido$|inconnu$|empfanger unbekannt|sconosciuto|adresat nieznany|onbekend$|" +
			"адресат не найден|адресат выбыл|수취인 불명|宛先不明|查无此人|ไม่มีผู้รับชื่อนี้",
	},
	{Class{InTransit, SubInTransitDelayed, StageShipped}, "", "processing delay"},
	{Class{Exception, SubExceptionDelayed, StageUnknown}, "",
		"delayed|delay$|delays$|atrasado|atraso|retrasado|retraso|retarde|verzogert|verzogerung|" +
			"in ritardo|ritardo|opoznienie|opozniona|vertraagd|vertraging|gecikme|задержка|" +
			"задерживается|затримка|지연|遅延|延误|延迟|ล่าช้า|bi tre|terlambat|تاخير|עיכוב",
	},

	// ---- Handed in by the sender: before pickup points and lockers, which
	// senders use too.
	{Class{InTransit, SubInTransitPickedUp, StageShipped}, "",
		"dropped off by sender|dropped off by the sender|vom absender|eingeliefert|nadana w paczkomacie|" +
			"nadano w paczkomacie|dropped off at"},

	// ---- Collected by the buyer from a pickup point or locker.
	{Class{Delivered, SubDeliveredPickup, StageDelivered}, "",
		"collected by recipient|collected by addressee|collected by customer|" +
			"collected by the recipient|picked up by recipient|picked up by customer|" +
			"picked up by the recipient|picked up by addressee|collected from pickup point|" +
			"collected from the pickup point|collected from parcel locker|" +
			"picked up from pickup point|picked up at post office|picked up at the post office|" +
			"customer picked up|recipient picked up|retirado pelo destinatario|objeto retirado|" +
			"recogido por el destinatario|retire par le destinataire|colis retire|" +
			"vom empfanger abgeholt|ritirato dal destinatario|odebrana przez adresata|" +
			"odebrano przez adresata|opgehaald door de ontvanger|door ontvanger opgehaald|" +
			"in der filiale abgeholt|alici tarafindan teslim alindi|получено адресатом|" +
			"получено в пункте выдачи|отримано адресатом|수령 완료|수령완료|受取済み|已取件|已自提|自提成功|" +
			"ผู้รับรับพัสดุแล้ว|da nhan hang tai|sudah diambil|تم الاستلام من نقطة|נאסף על ידי הנמען",
	},

	// ---- Waiting for the buyer at a pickup point, locker or post office:
	// before "delivered", because carriers say "delivered to parcel locker".
	{Class{AvailableForPickup, SubPickupLocker, StageDestination}, "",
		"parcel locker|parcel terminal|locker|packstation|paczkomat|paczkomac|postomat|постамат|" +
			"почтомат|поштомат|armario|casillero|pakketautomaat|kargomat|택배함|보관함|宅配ボックス|快递柜|智能柜|丰巢|" +
			"ตู้รับพัสดุ|tu nhan hang|loker|خزانة|לוקר",
	},
	{Class{AvailableForPickup, SubPickupPostOffice, StageDestination}, "",
		"надійшло до відділення|прибуло у відділення|held at post office|available at post office|at the post office for collection|" +
			"awaiting collection at post office|в место вручения|ожидает адресата в месте вручения|" +
			"ожидает вручения|прибуло до відділення|очікує в відділенні|aguardando retirada|" +
			"disponivel para retirada|disponible para retirar|disponible en oficina|en instance|" +
			"disponible au bureau|zur abholung bereit|in der filiale|in giacenza|awizo|ligt klaar|" +
			"subede|우체국 보관|郵便局で保管|局留|待领取|待取件|รอรับที่ที่ทำการ|cho nhan tai buu cuc|menunggu diambil|" +
			"بانتظار الاستلام|ממתין לאיסוף|הגיע לסניף",
	},
	{Class{AvailableForPickup, SubPickupNoticeSent, StageDestination}, "", "pickup notice|collection notice|notified to collect|извещение"},
	{Class{AvailableForPickup, SubPickupPoint, StageDestination}, "",
		"available for pickup|available for pick up|available for collection|ready for pick up|" +
			"retail outlet|ready for pickup|ready for collection|ready to be picked up|" +
			"ready to be collected|awaiting collection|awaiting pickup by|waiting to be picked up|" +
			"waiting for pickup|waiting to be collected|pickup point|pick up point|collection point|" +
			"service point|parcel shop|parcelshop|pudo|pickup location|station signed|" +
			"signed by station|ponto de retirada|punto de recogida|listo para recoger|point relais|" +
			"disponible en point|pret a etre retire|paketshop|abholbereit|abholstation|" +
			"punto di ritiro|pronto per il ritiro|punkt odbioru|gotowa do odbioru|ophaalpunt|" +
			"afhaalpunt|klaar om op te halen|teslim noktasi|пункт выдачи|пункте выдачи|" +
			"готово к выдаче|пункт видачі|готове до видачі|픽업 가능|편의점|受取可能|コンビニ|待自提|自提点|驿站|代收点|菜鸟驿站|" +
			"已到达自提|รอรับพัสดุ|จุดรับพัสดุ|diem nhan hang|siap diambil|titik pengambilan|" +
			"جاهز للاستلام|نقطة الاستلام|נקודת איסוף|מוכן לאיסוף",
	},

	// ---- "Delivered to" a carrier or facility: not the buyer.
	{Class{InTransit, SubInTransitHandedToAirline, StageShipped}, "",
		"delivered to airline|delivered to the airline|handed over to airline|handed to airline|" +
			"handed over to the airline|awaiting flight|waiting for flight|airline received|" +
			"entregue a companhia aerea|entregado a la aerolinea|remis a la compagnie aerienne|" +
			"an fluggesellschaft ubergeben|consegnato alla compagnia aerea|передано авиаперевозчику|" +
			"передано перевозчику|항공사 인계|航空会社に引渡|交航|已交航|待航班|等待航班|ส่งมอบให้สายการบิน|" +
			"ban giao cho hang bay|diserahkan ke maskapai|تم التسليم لشركة الطيران",
	},
	{Class{InTransit, SubInTransitCustomsCleared, StageDestination}, "",
		"will soon be handed over|leaving customs awaiting transfer|" +
			"import customs clearance complete|import clearance complete|" +
			"released from import customs",
	},
	{Class{InTransit, SubInTransitLastMile, StageDestination}, "",
		"handed over to the delivery partner|handed over to delivery partner|delivery partner|delivered to local carrier|delivered to the local carrier|delivered to last mile|" +
			"handed over to last mile|handed over to the last mile|" +
			"handed over to the domestic courier|handed over to domestic courier|" +
			"handed over to local carrier|handed over to the local carrier|" +
			"collected by destination carrier|received by local delivery company|" +
			"received by local carrier|arrived at regional carrier facility|" +
			"accepted by local carrier|local carrier received|" +
			"accepted for transportation by postal service|received by postal service|" +
			"received by the postal|передано в доставку|передано местному перевозчику|" +
			"entregue a transportadora local|recebido pelos correios|" +
			"objeto recebido pelos correios do brasil|recibido por el operador local|" +
			"remis au transporteur local|pris en charge par la poste|an zustellpartner ubergeben|" +
			"affidato al corriere locale|przekazano przewoznikowi|overgedragen aan|yerel kargo|" +
			"국내 택배사|国内配送業者|交付本地|已交付末端|末端派送|移交当地|ส่งต่อให้ผู้ให้บริการ|ban giao cho don vi van chuyen|" +
			"da giao cho don vi van chuyen|da giao cho dvvc|diserahkan ke kurir lokal|" +
			"تم التسليم لشركة الشحن المحلية|נמסר לחברת השילוח המקומית",
	},
	{Class{InTransit, SubInTransitOther, StageUnknown}, "",
		"consegnato al corriere|consegnata al corriere|affidato al corriere|entregue a transportadora|" +
			"entregado al transportista|remis au transporteur|an den paketdienst ubergeben|" +
			"delivered to carrier|delivered to the carrier|delivered to sorting|delivered to hub|" +
			"delivered to warehouse|delivered to the warehouse|delivered to depot|" +
			"delivered to logistics",
	},
	{Class{InTransit, SubInTransitCustoms, StageShipped}, "", "delivered to customs|handed over to customs"},

	// ---- Out for delivery.
	{Class{OutForDelivery, SubOutForDeliveryAppointed, StageDestination}, "", "delivery appointment|delivery scheduled|scheduled for delivery"},
	{Class{OutForDelivery, SubOutForDeliveryContacted, StageDestination}, "", "courier will contact|courier contacted|customer contacted"},
	{Class{OutForDelivery, SubOutForDeliveryOther, StageDestination}, "",
		"vehicle for delivery|out for delivery|=delivery update|courier for delivery|en proceso de entrega|wordt vandaag bezorgd|vandaag bezorgd|voraussichtlich heute|will be delivered today|delivery today|กำลังนำส่ง|with courier for delivery|on vehicle for delivery|" +
			"loaded for delivery|on its way to you|courier is on the way|with delivery courier|" +
			"out for delivery abroad|saiu para entrega|em rota de entrega|saiu para distribuicao|" +
			"en reparto|en ruta de entrega|salio a reparto|salio para entrega|en cours de livraison|" +
			"en livraison|in zustellung|wird zugestellt|zustellfahrzeug|wird heute zugestellt|" +
			"in consegna|wydano do doreczenia|w doreczeniu|przekazano do doreczenia|wordt bezorgd|" +
			"bezorger is onderweg|onderweg naar|dagitima cikarildi|dagitimda|kurye dagitimda|" +
			"передано курьеру|передано почтальону|доставляется курьером|курьер доставляет|" +
			"передано на доставку|передано кур єру|доставляється|배송출발|배송 출발|배달출발|배달 출발|배달중|배달 중|配達中|" +
			"配達に出|派送中|正在派送|派件中|投递中|开始投递|安排投递|正在派件|กำลังนำจ่าย|อยู่ระหว่างการนำจ่าย|ออกไปนำจ่าย|" +
			"กำลังจัดส่งถึงผู้รับ|dang giao hang|dang phat|dang di giao|sedang diantar|" +
			"dalam pengantaran|kurir menuju|dibawa kurir|خرج للتسليم|قيد التسليم|مع المندوب|" +
			"יצא למסירה|בדרך אליך|נמסר לשליח",
	},

	// ---- Future tense: a promise, not a delivery (after out for delivery,
	// which owns "will be delivered today").
	{Class{Unknown, "", StageUnknown}, "",
		"will be delivered|to be delivered|wordt morgen bezorgd|sera livre|sera entregue|" +
			"sera entregado|verra consegnat|zostanie doreczon|zostanie dostarczon|будет доставлен|" +
			"будет вручен|буде доставлен|teslim edilecek|akan dikirim|akan diterima|se entregara"},

	// ---- Delivered.
	{Class{Delivered, SubDeliveredNeighbor, StageDelivered}, "",
		"delivered to neighbour|delivered to neighbor|left with neighbour|left with neighbor|" +
			"beim nachbarn|an nachbar|bij de buren|bij buren|entregue ao vizinho|entregado al vecino|" +
			"livre au voisin|consegnato al vicino|doreczono do sasiada|komsuya teslim",
	},
	{Class{Delivered, SubDeliveredSafe, StageDelivered}, "",
		"front door|porch|left with individual|post office box|left at door|left at front door|left at the door|delivered to mailbox|" +
			"delivered in mailbox|left in mailbox|delivered to letterbox|in letterbox|in mailbox|" +
			"safe place|left at reception|mailbox|letterbox|delivered to reception|" +
			"in den briefkasten|briefkasten zugestellt|in de brievenbus|dans la boite aux lettres|" +
			"nella cassetta|caixa de correio|buzon|в почтовый ящик|문 앞|문앞|郵便受け|置き配|放门口|信箱|หน้าบ้าน|" +
			"kotak surat|صندوق البريد|תיבת הדואר",
	},
	{Class{Delivered, SubDeliveredCOD, StageDelivered}, "", "cash on delivery collected|cod collected|代收货款已收"},
	{Class{Delivered, SubDeliveredSigned, StageDelivered}, "",
		"signed for by|signed by|signed for|signature obtained|assinado por|firmado por|" +
			"signe par|unterschrieben|firmato da|podpisano|getekend door|imzalandi|подписано|서명|署名|" +
			"本人签收|他人签收|ลงนามรับ|ky nhan|ditandatangani|تم التوقيع|נחתם",
	},
	{Class{Delivered, SubDeliveredOther, StageDelivered}, "",
		"delivered|delivery completed|delivery complete|delivery successful|" +
			"successfully delivered|delivery confirmed|received by recipient|received by addressee|" +
			"receipt confirmed|entregue|entrega realizada|entrega efetuada|entregado|" +
			"entrega realizada|entrega efectuada|livree|livraison effectuee|colis livre|" +
			"distribue$|zugestellt|ausgeliefert|sendung wurde zugestellt|consegnato|consegnata|" +
			"consegna effettuata|doreczono|doreczona|dostarczono|dostarczona|bezorgd|afgeleverd|" +
			"teslim edildi|доставлено|доставлена|доставлен$|вручено|вручена|вручение адресату|" +
			"вручен$|вручено адресату|доставлено адресату|배송완료|배송 완료|배달완료|배달 완료|配達完了|お届け済み|配達済み|" +
			"お届け完了|已签收|签收成功|已妥投|妥投|投递成功|已送达|派送成功|已投递|นำจ่ายสำเร็จ|จัดส่งสำเร็จ|ส่งสำเร็จ|" +
			"giao hang thanh cong|da giao hang|phat thanh cong|giao thanh cong|terkirim|" +
			"diterima oleh|تم التسليم|تم التوصيل|تم تسليم|נמסר|נמסרה|נמסרה ליעדה|" +
			"доставлено одержувачу|вручено одержувачу",
	},
	// "livré" folds to "livre", which is "free" or "book" elsewhere.
	{Class{Delivered, SubDeliveredOther, StageDelivered}, "fr", "livre$"},

	// ---- Customs, most specific first.
	{Class{InTransit, SubInTransitExportCleared, StageShipped}, "",
		"export customs clearance complete|export clearance complete|export customs cleared|" +
			"export declaration complete|desembaraco de exportacao concluido|出口清关完成|出口报关完成|出口清关成功|" +
			"出口放行",
	},
	{Class{InTransit, SubInTransitExportCustoms, StageShipped}, "",
		"export customs|export clearance|export declaration|customs export|exportacao|" +
			"despacho de exportacion|dedouanement export|ausfuhr|esportazione|odprawa eksportowa|" +
			"exportinklaring|ihracat|экспортн|수출 통관|輸出通関|出口清关|出口报关|出口海关|พิธีการส่งออก|" +
			"hai quan xuat khau|bea cukai ekspor|تخليص التصدير|מכס יצוא",
	},
	{Class{InTransit, SubInTransitCustomsInfo, StageShipped}, "",
		"customs requires|information required by customs|customs information required|" +
			"customs needs|требуется информация для таможни|需补充清关资料",
	},
	{Class{InTransit, SubInTransitCustomsCleared, StageDestination}, "",
		"international shipment release|clearance processing complete|import customs clearance completed|import clearance completed|import customs cleared|" +
			"released by import customs|imported$|recebido no brasil|" +
			"fiscalizacao aduaneira finalizada|liberado pela fiscalizacao|выпущено таможней|" +
			"таможенное оформление завершено|випущено митницею|митне оформлення завершено|進口清關完成|" +
			"进口清关完成|进口清关成功|输入许可|輸入許可|수입 통관 완료|수입통관 완료",
	},
	{Class{InTransit, SubInTransitCustoms, StageInternational}, "", "import customs clearance started|import clearance started|import customs declaration"},
	{Class{InTransit, SubInTransitCustoms, StageDestination}, "",
		"import customs|import clearance|arrived at customs|received by customs|" +
			"customs warehouse|таможенное оформление|принято таможней|передано таможне|" +
			"прибыло на таможню|митне оформлення|прийнято митницею|fiscalizacao aduaneira|" +
			"encaminhado para fiscalizacao|importacao|importacion|importation|einfuhr|importazione|" +
			"odprawa importowa|invoer|ithalat|수입 통관|수입통관|輸入通関|进口清关|进口报关|到达海关|海关监管|พิธีการนำเข้า|" +
			"hai quan nhap khau|bea cukai impor|تخليص الاستيراد|מכס יבוא",
	},
	{Class{InTransit, SubInTransitCustomsCleared, StageShipped}, "",
		"customs clearance complete|customs complete|cleared customs|customs cleared|" +
			"released by customs|customs released|leaving customs|departed from customs|left customs|" +
			"clearance complete|desembaraco concluido|liberado pela alfandega|liberado por aduana|" +
			"liberado de aduana|despacho de aduana completado|dedouane$|dedouanement termine|" +
			"vom zoll freigegeben|verzollt|zollabfertigung abgeschlossen|sdoganato|" +
			"sdoganamento completato|svincolato dalla dogana|odprawa celna zakonczona|ingeklaard|" +
			"douane vrijgegeven|gumrukten cikti|gumruk islemleri tamamlandi|таможня пройдена|" +
			"растаможено|통관완료|통관 완료|通関完了|清关完成|已清关|清关成功|海关放行|ผ่านพิธีการศุลกากร|da thong quan|" +
			"thong quan thanh cong|lolos bea cukai|selesai bea cukai|تم التخليص الجمركي|" +
			"الافراج الجمركي|שוחרר מהמכס",
	},
	{Class{InTransit, SubInTransitCustoms, StageShipped}, "",
		"customs inspection|海关查验|customs|clearance|processing in customs|alfandega|aduaneir|desembaraco|aduana|douane|" +
			"dedouanement|zoll|verzollung|dogana|sdoganamento|odprawa celna|celn|gumruk|таможн|митн|" +
			"митниц|통관|세관|通関|税関|清关|海关|报关|ศุลกากร|hai quan|thong quan|bea cukai|الجمارك|جمركي|מכס",
	},

	// ---- International movement.
	{Class{InTransit, SubInTransitArrived, StageDestination}, "",
		"arrival at destination|inward office of exchange|receive item at office of exchange (inb|arrived in destination country|arrived at destination country|" +
			"arrival at destination country|arrived in the destination country|" +
			"arrived in country of destination|arrived at local airport|" +
			"arrived at destination airport|arrived at linehaul office|arrived at linehual office|" +
			"arrived in destination|arrival in destination|arrived at the destination country|" +
			"inbound into destination|arrived in the country|в страну назначения|" +
			"прибыло на территорию|прибыл на территорию|прибыло в россию|прибыл в россию|" +
			"импорт международной почты|прибыло в украину|прибуло в країну призначення|" +
			"chegou ao pais de destino|objeto recebido no pais de destino|llego al pais de destino|" +
			"llegada al pais de destino|arrive dans le pays de destination|im zielland angekommen|" +
			"zielland erreicht|arrivato nel paese di destinazione|dotarla do kraju przeznaczenia|" +
			"aangekomen in land van bestemming|varis ulkesine ulasti|hedef ulkeye ulasti|도착국 도착|" +
			"도착 국가 도착|現地到着|到着国に到着|到达目的国|已到达目的地国家|到达目的地国家|航班到达|已到达目的国|到达目的地机场|ถึงประเทศปลายทาง|" +
			"da den nuoc nhan|tiba di negara tujuan|وصل الى بلد الوجهة|הגיע לארץ היעד|הגיע לישראל",
	},
	{Class{InTransit, SubInTransitDepartedOrigin, StageInternational}, "",
		"outward office of exchange|send item abroad|has left china|left china|departed china|departed from china|leaving china|departed from departure country|leaving from departure country|leaving origin country|" +
			"left origin country|departed origin country|departed from origin country|" +
			"departed country of origin|departed from the origin|flight departed|flight has departed|" +
			"departed from airport|despatched to|dispatched to destination country|" +
			"sent to destination country|in flight|international flight|left the country of origin|" +
			"экспорт международной почты|покинуло страну|отправлено в российскую|" +
			"отправлен в российскую|покинуло место международного обмена|відправлено до|" +
			"saiu do pais de origem|encaminhado para o brasil|salio del pais de origen|" +
			"a quitte le pays d origine|hat das ursprungsland verlassen|partito dal paese di origine|" +
			"opuscila kraj nadania|land van herkomst verlaten|cikis ulkesinden ayrildi|출발국 출발|항공기 출발|" +
			"出国|航班起飞|已起飞|离开始发国|已离开出发国|离开出发国|ออกจากประเทศต้นทาง|da roi nuoc gui|" +
			"berangkat dari negara asal|غادر بلد المنشا|יצא מארץ המוצא",
	},
	{Class{InTransit, SubInTransitTransitCountry, StageInternational}, "",
		"transit country|transit hub|transit port|transshipment|transit airport|" +
			"awaiting transit to final|страна транзита|транзит|pais de transito|pays de transit|" +
			"transitland|paese di transito|kraj tranzytowy|transit ulkesi|경유|経由|中转国|ประเทศทางผ่าน|" +
			"nuoc trung chuyen|negara transit|بلد العبور|ארץ מעבר",
	},

	// ---- Destination network.
	{Class{InTransit, SubInTransitForwarded, StageDestination}, "",
		"forwarded to new address|redirected|rerouted|address changed|relabel|переадресовано|" +
			"redirecionado|redirigido|reexpedie|umgeleitet|reindirizzato|przekierowana|doorgestuurd|" +
			"yonlendirildi|转寄|改派",
	},
	{Class{InTransit, SubInTransitLocalFacility, StageDestination}, "",
		"site de distribution|in die filiale gebracht|local carrier facility|carrier facility|delivery office|delivery center|delivery centre|" +
			"delivery station|delivery facility|delivery depot|local facility|local depot|" +
			"destination facility|destination sorting|last mile|destination scan|local fedex facility|" +
			"прибыл в отделение|прибыло в отделение|unidade de distribuicao|centro de distribucion|" +
			"centre de distribution|zustellbasis|zustellstelle|centro di smistamento|" +
			"oddzial doreczen|bezorgdepot|dagitim merkezi|배송지역 도착|배달국|配達店|配送センター|派送站|派件网点|到达派件|分拨中心|" +
			"ศูนย์กระจายสินค้า|buu cuc phat|gudang tujuan|مركز التوزيع|מרכז הפצה",
	},

	// ---- Origin network: acceptance, warehouse, sorting.
	{Class{InTransit, SubInTransitHandedToAirline, StageShipped}, "", "handed to the airline|airport of origin"},
	{Class{InTransit, SubInTransitOriginFacility, StageShipped}, "",
		"sorting center of origin|origin sorting|origin facility|origin airport|" +
			"departure transport hub|shipped out from warehouse|left the warehouse|left warehouse|" +
			"package shipped out|departed from warehouse|outbound from warehouse|包裹已出库|已出库|出库|离开仓库|" +
			"仓库发出|揽收中心",
	},
	{Class{InTransit, SubInTransitPickedUp, StageShipped}, "",
		"receive item from customer|posting|collected by carrier|picked up by carrier|origin scan|received by carrier|" +
			"received by logistics company|accepted by carrier|package received by carrier|" +
			"acceptance|accepted at|accepted by|picked up|pickup scan|shipment picked up|item posted|" +
			"posted$|collected from sender|received from sender|parcel received|" +
			"shipment received|принято в отделении связи|прием|приём|принято от отправителя|прийнято|" +
			"objeto postado|postado$|admitido|admision|recogido$|pris en charge|prise en charge|" +
			"depose$|eingeliefert|vom absender ubergeben|abholung beim absender|accettato|" +
			"presa in carico|nadano|przesylka nadana|przyjeta|aangenomen|ingeleverd|gonderi kabul|" +
			"kabul edildi|kargo teslim alindi|집하|접수완료|集荷|引受|荷物受付|已揽收|揽收成功|已揽件|揽件|รับฝาก|รับพัสดุแล้ว|" +
			"lay hang thanh cong|da lay hang|da tiep nhan|da nhan hang|telah dijemput|" +
			"pickup berhasil|paket diambil kurir|تم استلام الشحنة|התקבל במשלוח|נאסף מהשולח",
	},
	{Class{InTransit, SubInTransitOriginFacility, StageShipped}, "", "warehouse outbound|shipped from warehouse"},
	{Class{InfoReceived, SubInfoReceivedPacked, StageOrdered}, "",
		"ready for shipping from warehouse|package ready for shipping|packed in warehouse|打包完成|" +
			"已打包",
	},
	{Class{InfoReceived, SubInfoReceivedWarehouse, StageOrdered}, "", "собирается на складе|received by warehouse|warehouse received|仓库已接单|仓库作业|仓库处理中|入库"},
	{Class{InfoReceived, SubInfoReceivedLabelCreated, StageShipped}, "",
		"pre advised|preadvised|ready for shipment|ready for ups|at the shippers warehouse|shipment information sent|shipment information received|shipping information received|" +
			"electronic information received|information received|label created|shipping label|" +
			"label printed|pre shipment|preshipment|shipment data received|" +
			"order information received|created a label|label has been created|awaiting item|" +
			"electronic notification|присвоен трек|регистрация отправления|получена информация|" +
			"электронное уведомление|створено відправлення|etiqueta emitida|informacoes enviadas|" +
			"objeto aguardando postagem|informacion recibida|etiqueta creada|informations recues|" +
			"etiquette creee|elektronisch angekundigt|sendungsdaten ubermittelt|auftragsdaten|" +
			"etichetta creata|dati ricevuti|dane przesylki|przesylka zarejestrowana|" +
			"zending aangemeld|aangemeld$|gonderi bilgisi alindi|bilgi alindi|접수|송장 출력|伝票発行|情報受付|已下单|" +
			"电子信息|已接单|ได้รับข้อมูล|da tao van don|thong tin don hang|data diterima|manifes|" +
			"تم استلام المعلومات|התקבל מידע",
	},
	{Class{Pending, SubPendingOrderReceived, StageOrdered}, "",
		"order created|order has been created|order s been created|" +
			"order has been successfully created|order placed|order received|order confirmed|" +
			"payment confirmed|payment received|pedido criado|pedido confirmado|pedido creado|" +
			"commande creee|bestellung eingegangen|ordine creato|zamowienie zlozone|" +
			"bestelling geplaatst|siparis olusturuldu|заказ создан|заказ оформлен|" +
			"оплата подтверждена|замовлення створено|주문 완료|ご注文受付|订单已创建|已付款|สั่งซื้อแล้ว|da dat hang|" +
			"pesanan dibuat|تم انشاء الطلب|ההזמנה התקבלה",
	},

	// ---- Generic movement, weakest.
	{Class{InTransit, SubInTransitOriginFacility, StageShipped}, "", "sorting center|sorting centre"},
	{Class{InTransit, SubInTransitOther, StageUnknown}, "",
		"has been processed|processed through|сортировочный центр|paketzentrum|gesorteerd|sortiert|yola cikti|ศูนย์คัดแยก|转运中心|发出|in transit|on the way|on its way|transit|forwarded|dispatched|departed|arrived at|" +
			"processing at|processed at|=delivering|sorting|shipment update|departure scan|arrival scan|" +
			"your delivery information has been updated|в пути|покинул|прибыл|сортировка|обработка|" +
			"в дорозі|прибуло|em transito|encaminhado|em transferencia|en transito|en camino|" +
			"en transit|en cours d acheminement|unterwegs|in transito|w drodze|w transporcie|" +
			"onderweg|yolda|transfer merkezi|운송중|운송 중|이동중|輸送中|運送中|运输中|在途|已发出|到达|离开|กำลังขนส่ง|" +
			"อยู่ระหว่างขนส่ง|dang van chuyen|trung chuyen|dalam perjalanan|sedang dikirim|في الطريق|" +
			"قيد الشحن|בדרך|במעבר",
	},
	{Class{Exception, SubExceptionOther, StageUnknown}, "",
		"exception|on hold|problem with|irregularity|excecao|excepcion|anomalie|storung|anomalia|" +
			"nieprawidlowosc|sorun|проблема|исключение|異常|异常|ผิดปกติ|bat thuong|kendala|مشكلة|תקלה",
	},
}
